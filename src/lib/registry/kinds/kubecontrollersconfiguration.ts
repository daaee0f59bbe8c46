import {defineKind} from '../types.js';

export const KubeControllersConfigurationKind = defineKind({
  kind: 'KubeControllersConfiguration',
  plural: 'kubecontrollersconfigurations',
  namespaced: false,
  aliases: ['kubecontrollersconfiguration', 'kubecontrollersconfigurations', 'kubecontrollersconfig', 'kubecontrollersconfigs'],
});
