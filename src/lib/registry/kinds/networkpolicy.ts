import {defineKind} from '../types.js';
import {policyColumns} from '../../printers/cells.js';

export const NetworkPolicyKind = defineKind({
  kind: 'NetworkPolicy',
  plural: 'networkpolicies',
  namespaced: true,
  aliases: ['networkpolicy', 'networkpolicies', 'policy', 'np', 'policies', 'pol', 'pols'],
  columns: policyColumns(true),
});
