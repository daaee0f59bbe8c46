import {defineKind} from '../types.js';
import {nameCell, specJoinTruncated} from '../../printers/cells.js';

export const IPReservationKind = defineKind({
  kind: 'IPReservation',
  plural: 'ipreservations',
  namespaced: false,
  aliases: ['ipreservation', 'ipreservations', 'reservation', 'reservations'],
  columns: {
    ps: ['NAME'],
    wide: ['NAME', 'CIDRS'],
    values: {
      NAME: nameCell,
      CIDRS: specJoinTruncated('reservedCIDRs'),
    },
  },
});
