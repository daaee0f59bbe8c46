import {defineKind} from '../types.js';

export const IPPoolKind = defineKind({
  kind: 'IPPool',
  plural: 'ippools',
  namespaced: false,
  aliases: ['ippool', 'ippools', 'ipp', 'ipps', 'pool', 'pools'],
});
