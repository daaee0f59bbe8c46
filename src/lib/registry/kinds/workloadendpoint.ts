import {defineKind} from '../types.js';
import {nameCell, namespaceCell, specString, specJoin} from '../../printers/cells.js';

export const WorkloadEndpointKind = defineKind({
  kind: 'WorkloadEndpoint',
  plural: 'workloadendpoints',
  namespaced: true,
  aliases: ['workloadendpoint', 'workloadendpoints', 'wep', 'weps'],
  columns: {
    ps: ['WORKLOAD', 'NODE', 'NETWORKS', 'INTERFACE'],
    wide: ['NAME', 'WORKLOAD', 'NODE', 'NETWORKS', 'INTERFACE', 'PROFILES', 'NATS'],
    values: {
      NAME: nameCell,
      NAMESPACE: namespaceCell,
      NODE: specString('node'),
      ORCHESTRATOR: specString('orchestrator'),
      WORKLOAD: (r) => r.spec?.workload || r.spec?.pod || '',
      NETWORKS: specJoin('ipNetworks'),
      NATS: specJoin('ipNATs'),
      PROFILES: specJoin('profiles'),
      INTERFACE: specString('interfaceName'),
    },
  },
});
