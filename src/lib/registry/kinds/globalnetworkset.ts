import {defineKind} from '../types.js';

export const GlobalNetworkSetKind = defineKind({
  kind: 'GlobalNetworkSet',
  plural: 'globalnetworksets',
  namespaced: false,
  aliases: ['globalnetworkset', 'globalnetworksets', 'gnetsets'],
});
