import {defineKind} from '../types.js';
import {nameCell, specBool, specInt} from '../../printers/cells.js';

export const IPAMConfigurationKind = defineKind({
  kind: 'IPAMConfiguration',
  plural: 'ipamconfigurations',
  namespaced: false,
  aliases: ['ipamconfiguration', 'ipamconfigurations', 'ipamconfig', 'ipamconfigs'],
  columns: {
    ps: ['NAME', 'STRICTAFFINITY', 'AUTOALLOCATEBLOCKS'],
    wide: ['NAME', 'STRICTAFFINITY', 'AUTOALLOCATEBLOCKS', 'MAXBLOCKSPERHOST'],
    values: {
      NAME: nameCell,
      STRICTAFFINITY: specBool('strictAffinity'),
      AUTOALLOCATEBLOCKS: specBool('autoAllocateBlocks'),
      MAXBLOCKSPERHOST: specInt('maxBlocksPerHost'),
    },
  },
});
