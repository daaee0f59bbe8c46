import {defineKind} from '../types.js';

export const ClusterInformationKind = defineKind({
  kind: 'ClusterInformation',
  plural: 'clusterinformations',
  namespaced: false,
  aliases: ['clusterinformation', 'clusterinformations', 'clusterinfo', 'clusterinfos'],
});
