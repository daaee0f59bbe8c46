import {defineKind} from '../types.js';

export const WorkloadEndpointKind = defineKind({
  kind: 'WorkloadEndpoint',
  plural: 'workloadendpoints',
  namespaced: true,
  aliases: ['workloadendpoint', 'workloadendpoints', 'wep', 'weps'],
});
