import {defineKind} from '../types.js';
import {nameCell, specJoinTruncated} from '../../printers/cells.js';

export const GlobalNetworkSetKind = defineKind({
  kind: 'GlobalNetworkSet',
  plural: 'globalnetworksets',
  namespaced: false,
  aliases: ['globalnetworkset', 'globalnetworksets', 'gnetsets'],
  columns: {
    ps: ['NAME'],
    wide: ['NAME', 'NETS'],
    values: {
      NAME: nameCell,
      NETS: specJoinTruncated('nets'),
    },
  },
});
