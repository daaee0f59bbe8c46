import {defineKind} from '../types.js';
import {nameCell, namespaceCell, specString, specFloatPointer} from '../../printers/cells.js';

export const NetworkPolicyKind = defineKind({
  kind: 'NetworkPolicy',
  plural: 'networkpolicies',
  namespaced: true,
  aliases: ['networkpolicy', 'networkpolicies', 'policy', 'np', 'policies', 'pol', 'pols'],
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
