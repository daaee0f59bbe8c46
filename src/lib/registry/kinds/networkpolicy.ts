import {defineKind} from '../types.js';

export const NetworkPolicyKind = defineKind({
  kind: 'NetworkPolicy',
  plural: 'networkpolicies',
  namespaced: true,
  aliases: ['networkpolicy', 'networkpolicies', 'policy', 'np', 'policies', 'pol', 'pols'],
});
