import {defineKind} from '../types.js';
import {policyColumns} from '../../printers/cells.js';

export const StagedNetworkPolicyKind = defineKind({
  kind: 'StagedNetworkPolicy',
  plural: 'stagednetworkpolicies',
  namespaced: true,
  aliases: ['stagednetworkpolicy', 'stagednetworkpolicies', 'stagedpolicy', 'snp', 'stagedpolicies', 'spol', 'spols'],
  columns: policyColumns(true),
});
