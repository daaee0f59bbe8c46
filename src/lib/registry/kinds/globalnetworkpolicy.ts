import {defineKind} from '../types.js';

export const GlobalNetworkPolicyKind = defineKind({
  kind: 'GlobalNetworkPolicy',
  plural: 'globalnetworkpolicies',
  namespaced: false,
  aliases: ['globalnetworkpolicy', 'globalnetworkpolicies', 'gnp', 'gnps'],
});
