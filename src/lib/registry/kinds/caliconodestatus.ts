import {defineKind} from '../types.js';
import {nameCell, specString, specJoin} from '../../printers/cells.js';

export const CalicoNodeStatusKind = defineKind({
  kind: 'CalicoNodeStatus',
  plural: 'caliconodestatuses',
  namespaced: false,
  aliases: ['caliconodestatus', 'caliconodestatuses', 'nodestatus', 'nodestatuses'],
  columns: {
    ps: ['NAME', 'NODE'],
    wide: ['NAME', 'NODE', 'CLASSES'],
    values: {
      NAME: nameCell,
      NODE: specString('node'),
      CLASSES: specJoin('classes'),
    },
  },
});
