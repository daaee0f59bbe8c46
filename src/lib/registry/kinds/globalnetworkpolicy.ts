import {defineKind} from '../types.js';
import {nameCell, specString, specFloatPointer} from '../../printers/cells.js';

export const GlobalNetworkPolicyKind = defineKind({
  kind: 'GlobalNetworkPolicy',
  plural: 'globalnetworkpolicies',
  namespaced: false,
  aliases: ['globalnetworkpolicy', 'globalnetworkpolicies', 'gnp', 'gnps'],
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
