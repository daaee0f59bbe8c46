import {defineKind} from '../types.js';

export const IPAMConfigurationKind = defineKind({
  kind: 'IPAMConfiguration',
  plural: 'ipamconfigurations',
  namespaced: false,
  aliases: ['ipamconfiguration', 'ipamconfigurations', 'ipamconfig', 'ipamconfigs'],
});
