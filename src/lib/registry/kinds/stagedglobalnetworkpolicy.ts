import {defineKind} from '../types.js';
import {policyColumns} from '../../printers/cells.js';

export const StagedGlobalNetworkPolicyKind = defineKind({
  kind: 'StagedGlobalNetworkPolicy',
  plural: 'stagedglobalnetworkpolicies',
  namespaced: false,
  aliases: ['stagedglobalnetworkpolicy', 'stagedglobalnetworkpolicies', 'sgnp', 'sgnps'],
  columns: policyColumns(false),
});
