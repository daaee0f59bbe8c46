import {defineKind} from '../types.js';
import {nameCell, specString, specPointer} from '../../printers/cells.js';

export const ClusterInformationKind = defineKind({
  kind: 'ClusterInformation',
  plural: 'clusterinformations',
  namespaced: false,
  aliases: ['clusterinformation', 'clusterinformations', 'clusterinfo', 'clusterinfos'],
  columns: {
    ps: ['NAME', 'CLUSTERGUID', 'CLUSTERTYPE', 'CALICOVERSION', 'DATASTOREREADY'],
    wide: ['NAME', 'CLUSTERGUID', 'CLUSTERTYPE', 'CALICOVERSION', 'DATASTOREREADY'],
    values: {
      NAME: nameCell,
      CLUSTERGUID: specString('clusterGUID'),
      CLUSTERTYPE: specString('clusterType'),
      CALICOVERSION: specString('calicoVersion'),
      DATASTOREREADY: specPointer('datastoreReady'),
    },
  },
});
