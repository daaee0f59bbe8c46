import {defineKind} from '../types.js';

export const StagedKubernetesNetworkPolicyKind = defineKind({
  kind: 'StagedKubernetesNetworkPolicy',
  plural: 'stagedkubernetesnetworkpolicies',
  namespaced: true,
  aliases: ['stagedkubernetesnetworkpolicy', 'stagedkubernetesnetworkpolicies', 'stagedkubernetespolicy', 'sknp', 'stagedkubernetespolicies', 'skpol', 'skpols'],
});
