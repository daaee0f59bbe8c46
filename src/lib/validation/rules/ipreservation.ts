// IPReservation: every reserved entry must be a CIDR (the Go `cidrs` tag accepts any parsable IP or CIDR,
// host bits allowed; the CRD's `format: cidr` additionally requires the prefix length).
import {parseCIDR, parseIPOrCIDR} from '../../net/ip.js';
import type {CalicoResource} from '../../resource.js';
import type {SemanticRule} from '../types.js';
import {issue, tagFailure, type Issues} from './common.js';
import {cidrFormatFailure} from './infra-helpers.js';

export const rules: SemanticRule = (resource: CalicoResource) => {
  const out: Issues = [];
  const cidrs: unknown[] = Array.isArray(resource.spec?.reservedCIDRs) ? resource.spec.reservedCIDRs : [];
  cidrs.forEach((entry, i) => {
    const path = `spec.reservedCIDRs[${i}]`;
    if (typeof entry !== 'string' || !parseIPOrCIDR(entry)) out.push(issue(path, tagFailure('ReservedCIDRs', 'cidrs'), entry));
    else if (!parseCIDR(entry)) out.push(issue(path, cidrFormatFailure(path, entry), entry));
  });
  return out;
};
