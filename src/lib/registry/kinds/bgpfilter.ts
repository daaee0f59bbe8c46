import {defineKind} from '../types.js';
import {nameCell, specLen} from '../../printers/cells.js';

export const BGPFilterKind = defineKind({
  kind: 'BGPFilter',
  plural: 'bgpfilters',
  namespaced: false,
  aliases: ['bgpfilter', 'bgpfilters', 'bgpf', 'bgpfs', 'bf', 'bfs'],
  columns: {
    ps: ['NAME', 'NUMEXPORTV4', 'NUMIMPORTV4', 'NUMEXPORTV6', 'NUMIMPORTV6'],
    wide: ['NAME', 'NUMEXPORTV4', 'NUMIMPORTV4', 'NUMEXPORTV6', 'NUMIMPORTV6'],
    values: {
      NAME: nameCell,
      NUMEXPORTV4: specLen('exportV4'),
      NUMIMPORTV4: specLen('importV4'),
      NUMEXPORTV6: specLen('exportV6'),
      NUMIMPORTV6: specLen('importV6'),
    },
  },
});
