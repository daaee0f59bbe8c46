import {defineKind} from '../types.js';
import {nameCell, namespaceCell, labelSelectorString} from '../../printers/cells.js';

export const StagedKubernetesNetworkPolicyKind = defineKind({
  kind: 'StagedKubernetesNetworkPolicy',
  plural: 'stagedkubernetesnetworkpolicies',
  namespaced: true,
  aliases: ['stagedkubernetesnetworkpolicy', 'stagedkubernetesnetworkpolicies', 'stagedkubernetespolicy', 'sknp', 'stagedkubernetespolicies', 'skpol', 'skpols'],
  columns: {
    ps: ['NAME'],
    wide: ['NAME', 'PODSELECTOR'],
    values: {
      NAME: nameCell,
      NAMESPACE: namespaceCell,
      PODSELECTOR: (r) => labelSelectorString(r.spec?.podSelector),
    },
  },
});
