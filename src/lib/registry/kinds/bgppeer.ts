import {defineKind} from '../types.js';
import {nameCell, specString, specInt} from '../../printers/cells.js';

export const BGPPeerKind = defineKind({
  kind: 'BGPPeer',
  plural: 'bgppeers',
  namespaced: false,
  aliases: ['bgppeer', 'bgppeers', 'bgpp', 'bgpps', 'bp', 'bps'],
  columns: {
    ps: ['NAME', 'PEERIP', 'NODE', 'ASN'],
    wide: ['NAME', 'PEERIP', 'NODE', 'ASN'],
    values: {
      NAME: nameCell,
      PEERIP: specString('peerIP'),
      NODE: (r) => r.spec?.node || r.spec?.nodeSelector || '(global)',
      ASN: specInt('asNumber'),
    },
  },
});
