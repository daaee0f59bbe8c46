import {defineKind} from '../types.js';

export const NodeKind = defineKind({
  kind: 'Node',
  plural: 'nodes',
  namespaced: false,
  aliases: ['node', 'nodes', 'no', 'nos'],
});
