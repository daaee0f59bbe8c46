import {defineKind} from '../types.js';

export const TierKind = defineKind({
  kind: 'Tier',
  plural: 'tiers',
  namespaced: false,
  aliases: ['tier', 'tiers'],
});
