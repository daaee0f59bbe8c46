import {defineKind} from '../types.js';
import {nameCell, namespaceCell, specString, specFloatPointer} from '../../printers/cells.js';

export const StagedNetworkPolicyKind = defineKind({
  kind: 'StagedNetworkPolicy',
  plural: 'stagednetworkpolicies',
  namespaced: true,
  aliases: ['stagednetworkpolicy', 'stagednetworkpolicies', 'stagedpolicy', 'snp', 'stagedpolicies', 'spol', 'spols'],
  columns: {
    ps: ['NAME', 'TIER'],
    wide: ['NAME', 'TIER', 'ORDER', 'SELECTOR'],
    values: {
      NAME: nameCell,
      NAMESPACE: namespaceCell,
      ORDER: specFloatPointer('order'),
      SELECTOR: specString('selector'),
      TIER: specString('tier'),
    },
  },
});
