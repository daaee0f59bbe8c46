import {defineKind} from '../types.js';

export const HostEndpointKind = defineKind({
  kind: 'HostEndpoint',
  plural: 'hostendpoints',
  namespaced: false,
  aliases: ['hostendpoint', 'hostendpoints', 'hep', 'heps'],
});
