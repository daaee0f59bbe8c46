import {defineKind} from '../types.js';
import {nameCell, namespaceCell, specJoinTruncated} from '../../printers/cells.js';

export const NetworkSetKind = defineKind({
  kind: 'NetworkSet',
  plural: 'networksets',
  namespaced: true,
  aliases: ['networkset', 'networksets', 'netsets'],
  columns: {
    ps: ['NAME'],
    wide: ['NAME', 'NETS'],
    values: {
      NAME: nameCell,
      NAMESPACE: namespaceCell,
      NETS: specJoinTruncated('nets'),
    },
  },
});
