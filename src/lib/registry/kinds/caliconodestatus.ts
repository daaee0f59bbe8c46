import {defineKind} from '../types.js';

export const CalicoNodeStatusKind = defineKind({
  kind: 'CalicoNodeStatus',
  plural: 'caliconodestatuses',
  namespaced: false,
  aliases: ['caliconodestatus', 'caliconodestatuses', 'nodestatus', 'nodestatuses'],
});
