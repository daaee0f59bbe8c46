import {defineKind} from '../types.js';
import {nameCell, specString, specOr} from '../../printers/cells.js';

export const BGPConfigurationKind = defineKind({
  kind: 'BGPConfiguration',
  plural: 'bgpconfigurations',
  namespaced: false,
  aliases: ['bgpconfiguration', 'bgpconfigurations', 'bgpconfig', 'bgpconfigs'],
  columns: {
    ps: ['NAME', 'LOGSEVERITY', 'MESHENABLED', 'ASNUMBER'],
    wide: ['NAME', 'LOGSEVERITY', 'MESHENABLED', 'ASNUMBER'],
    values: {
      NAME: nameCell,
      LOGSEVERITY: specString('logSeverityScreen'),
      MESHENABLED: specOr('nodeToNodeMeshEnabled', '-', true),
      ASNUMBER: specOr('asNumber', '-', true),
    },
  },
});
