// IPReservation: every reserved entry must parse as an IP or a CIDR (Calico's `cidrs` tag; host bits allowed).
import {parseIPOrCIDR} from '../../net/ip.js';
import type {CalicoResource} from '../../resource.js';
import type {SemanticRule} from '../types.js';
import {issue, tagFailure, type Issues} from './common.js';

export const rules: SemanticRule = (resource: CalicoResource) => {
  const out: Issues = [];
  const cidrs: unknown[] = Array.isArray(resource.spec?.reservedCIDRs) ? resource.spec.reservedCIDRs : [];
  cidrs.forEach((entry, i) => {
    if (typeof entry !== 'string' || !parseIPOrCIDR(entry)) out.push(issue(`spec.reservedCIDRs[${i}]`, tagFailure('ReservedCIDRs', 'cidrs'), entry));
  });
  return out;
};
