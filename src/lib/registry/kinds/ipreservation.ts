import {defineKind} from '../types.js';

export const IPReservationKind = defineKind({
  kind: 'IPReservation',
  plural: 'ipreservations',
  namespaced: false,
  aliases: ['ipreservation', 'ipreservations', 'reservation', 'reservations'],
});
