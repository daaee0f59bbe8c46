import {defineKind} from '../types.js';
import {policyColumns} from '../../printers/cells.js';

export const GlobalNetworkPolicyKind = defineKind({
  kind: 'GlobalNetworkPolicy',
  plural: 'globalnetworkpolicies',
  namespaced: false,
  aliases: ['globalnetworkpolicy', 'globalnetworkpolicies', 'gnp', 'gnps'],
  columns: policyColumns(false),
});
