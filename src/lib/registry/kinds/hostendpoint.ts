import {defineKind} from '../types.js';
import {nameCell, specString, specJoin} from '../../printers/cells.js';

export const HostEndpointKind = defineKind({
  kind: 'HostEndpoint',
  plural: 'hostendpoints',
  namespaced: false,
  aliases: ['hostendpoint', 'hostendpoints', 'hep', 'heps'],
  columns: {
    ps: ['NAME', 'NODE'],
    wide: ['NAME', 'NODE', 'INTERFACE', 'IPS', 'PROFILES'],
    values: {
      NAME: nameCell,
      NODE: specString('node'),
      INTERFACE: specString('interfaceName'),
      IPS: specJoin('expectedIPs'),
      PROFILES: specJoin('profiles'),
    },
  },
});
