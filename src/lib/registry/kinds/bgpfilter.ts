import {defineKind} from '../types.js';

export const BGPFilterKind = defineKind({
  kind: 'BGPFilter',
  plural: 'bgpfilters',
  namespaced: false,
  aliases: ['bgpfilter', 'bgpfilters', 'bgpf', 'bgpfs', 'bf', 'bfs'],
});
