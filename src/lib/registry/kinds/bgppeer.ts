import {defineKind} from '../types.js';

export const BGPPeerKind = defineKind({
  kind: 'BGPPeer',
  plural: 'bgppeers',
  namespaced: false,
  aliases: ['bgppeer', 'bgppeers', 'bgpp', 'bgpps', 'bp', 'bps'],
});
