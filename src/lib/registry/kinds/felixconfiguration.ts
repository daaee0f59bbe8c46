import {defineKind} from '../types.js';

export const FelixConfigurationKind = defineKind({
  kind: 'FelixConfiguration',
  plural: 'felixconfigurations',
  namespaced: false,
  aliases: ['felixconfiguration', 'felixconfigurations', 'felixconfig', 'felixconfigs'],
});
