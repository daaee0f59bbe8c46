import {defineKind} from '../types.js';
import {nameCell, specString, specFloatPointer} from '../../printers/cells.js';

export const StagedGlobalNetworkPolicyKind = defineKind({
  kind: 'StagedGlobalNetworkPolicy',
  plural: 'stagedglobalnetworkpolicies',
  namespaced: false,
  aliases: ['stagedglobalnetworkpolicy', 'stagedglobalnetworkpolicies', 'sgnp', 'sgnps'],
  columns: {
    ps: ['NAME', 'TIER'],
    wide: ['NAME', 'TIER', 'ORDER', 'SELECTOR'],
    values: {
      NAME: nameCell,
      ORDER: specFloatPointer('order'),
      SELECTOR: specString('selector'),
      TIER: specString('tier'),
    },
  },
});
