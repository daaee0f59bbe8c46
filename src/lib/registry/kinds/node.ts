import {defineKind} from '../types.js';
import {nameCell} from '../../printers/cells.js';
import {formatGoValue} from '../../printers/go-format.js';

export const NodeKind = defineKind({
  kind: 'Node',
  plural: 'nodes',
  namespaced: false,
  aliases: ['node', 'nodes', 'no', 'nos'],
  columns: {
    ps: ['NAME'],
    wide: ['NAME', 'ASN', 'IPV4', 'IPV6'],
    values: {
      NAME: nameCell,
      ASN: (r, ctx) => (r.spec?.bgp ? (r.spec.bgp.asNumber != null ? formatGoValue(r.spec.bgp.asNumber) : `(${ctx.globalAsNumber()})`) : ''),
      IPV4: (r) => r.spec?.bgp?.ipv4Address ?? '',
      IPV6: (r) => r.spec?.bgp?.ipv6Address ?? '',
    },
  },
});
