import {defineKind} from '../types.js';

export const StagedGlobalNetworkPolicyKind = defineKind({
  kind: 'StagedGlobalNetworkPolicy',
  plural: 'stagedglobalnetworkpolicies',
  namespaced: false,
  aliases: ['stagedglobalnetworkpolicy', 'stagedglobalnetworkpolicies', 'sgnp', 'sgnps'],
});
