import {defineKind} from '../types.js';
import {nameCell} from '../../printers/cells.js';

export const FelixConfigurationKind = defineKind({
  kind: 'FelixConfiguration',
  plural: 'felixconfigurations',
  namespaced: false,
  aliases: ['felixconfiguration', 'felixconfigurations', 'felixconfig', 'felixconfigs'],
  columns: {
    ps: ['NAME'],
    wide: ['NAME'],
    values: {
      NAME: nameCell,
    },
  },
});
