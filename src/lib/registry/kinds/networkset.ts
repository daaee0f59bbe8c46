import {defineKind} from '../types.js';

export const NetworkSetKind = defineKind({
  kind: 'NetworkSet',
  plural: 'networksets',
  namespaced: true,
  aliases: ['networkset', 'networksets', 'netsets'],
});
