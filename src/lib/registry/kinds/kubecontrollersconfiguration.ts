import {defineKind} from '../types.js';
import {nameCell} from '../../printers/cells.js';

export const KubeControllersConfigurationKind = defineKind({
  kind: 'KubeControllersConfiguration',
  plural: 'kubecontrollersconfigurations',
  namespaced: false,
  aliases: ['kubecontrollersconfiguration', 'kubecontrollersconfigurations', 'kubecontrollersconfig', 'kubecontrollersconfigs'],
  columns: {
    ps: ['NAME'],
    wide: ['NAME'],
    values: {
      NAME: nameCell,
    },
  },
});
