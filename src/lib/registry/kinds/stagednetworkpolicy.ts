import {defineKind} from '../types.js';

export const StagedNetworkPolicyKind = defineKind({
  kind: 'StagedNetworkPolicy',
  plural: 'stagednetworkpolicies',
  namespaced: true,
  aliases: ['stagednetworkpolicy', 'stagednetworkpolicies', 'stagedpolicy', 'snp', 'stagedpolicies', 'spol', 'spols'],
});
