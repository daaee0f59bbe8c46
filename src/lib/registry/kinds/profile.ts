import {defineKind} from '../types.js';
import {nameCell, specJoin} from '../../printers/cells.js';

export const ProfileKind = defineKind({
  kind: 'Profile',
  plural: 'profiles',
  namespaced: false,
  aliases: ['profile', 'profiles', 'pro', 'pros'],
  columns: {
    ps: ['NAME'],
    wide: ['NAME', 'LABELS'],
    values: {
      NAME: nameCell,
      LABELS: specJoin('labelsToApply', true),
    },
  },
});
