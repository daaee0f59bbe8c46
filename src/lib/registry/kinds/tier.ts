import {defineKind} from '../types.js';
import {nameCell, specFloatPointer} from '../../printers/cells.js';

export const TierKind = defineKind({
  kind: 'Tier',
  plural: 'tiers',
  namespaced: false,
  aliases: ['tier', 'tiers'],
  columns: {
    ps: ['NAME', 'ORDER'],
    wide: ['NAME', 'ORDER'],
    values: {
      NAME: nameCell,
      ORDER: specFloatPointer('order'),
    },
  },
  // calicoctl sorts tier lists by order, unset order last (stable).
  compareListItems: (a, b) => {
    const [x, y] = [a.spec?.order, b.spec?.order];
    if (x === undefined || x === null) return y === undefined || y === null ? 0 : 1;
    if (y === undefined || y === null) return -1;
    return x < y ? -1 : x > y ? 1 : 0;
  },
});
