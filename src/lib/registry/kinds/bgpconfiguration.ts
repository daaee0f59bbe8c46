import {defineKind} from '../types.js';

export const BGPConfigurationKind = defineKind({
  kind: 'BGPConfiguration',
  plural: 'bgpconfigurations',
  namespaced: false,
  aliases: ['bgpconfiguration', 'bgpconfigurations', 'bgpconfig', 'bgpconfigs'],
});
