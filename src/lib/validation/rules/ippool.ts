// IPPool: Calico's Go IPPoolSpec validator plus the CEL rules of the IPPool CRD (which calicoctl validate
// applies after CRD defaulting), e.g. block size ranges per family and the pool-smaller-than-block check.
import {cidrsOverlap, parseCIDR, parseIPOrCIDR, type CIDR} from '../../net/ip.js';
import type {CalicoResource} from '../../resource.js';
import type {SemanticRule} from '../types.js';
import {checkSelector, issue, type Issues} from './common.js';
import {
  cidrFormatFailure,
  effectiveBlockSize,
  isNonEmptyString,
  isStrictlyMasked,
} from './infra-helpers.js';

const V4_LINK_LOCAL = parseCIDR('169.254.0.0/16') as CIDR;
const V6_LINK_LOCAL = parseCIDR('fe80::/10') as CIDR;

const BLOCK_SIZE_RANGE_MSG = 'blockSize must be between 20 and 32 for IPv4 pools, and between 116 and 128 for IPv6 pools';
const POOL_TOO_SMALL_MSG =
  'IP pool size is too small for use with Calico IPAM. It must be equal to or greater than the block size.';

/** An encapsulation mode that is on: not unset, empty or Never. */
const encapEnabled = (mode: unknown): boolean => isNonEmptyString(mode) && mode !== 'Never';

export const rules: SemanticRule = (resource: CalicoResource) => {
  const out: Issues = [];
  const spec = resource.spec ?? {};
  const cidrText: string = typeof spec.cidr === 'string' ? spec.cidr : '';

  if (cidrText === '') {
    out.push(issue('spec.cidr', 'IPPool CIDR must be specified', cidrText));
    return out;
  }
  const cidr = parseIPOrCIDR(cidrText);
  if (!cidr) {
    out.push(issue('spec.cidr', 'IPPool CIDR must be a valid subnet', cidrText));
    return out;
  }
  if (!isStrictlyMasked(cidr)) {
    out.push(issue('spec.cidr', 'IP pool CIDR is not strictly masked', cidrText));
    return out;
  }
  if (!cidrText.includes('/')) {
    out.push(issue('spec.cidr', cidrFormatFailure('spec.cidr', cidrText), cidrText));
    return out;
  }

  const uses: string[] = Array.isArray(spec.allowedUses) ? spec.allowedUses : [];
  const isLoadBalancer = uses.includes('LoadBalancer');
  // CRD default: an unset (or empty, which Go omits) nodeSelector becomes all().
  const nodeSelector: string = isNonEmptyString(spec.nodeSelector) ? spec.nodeSelector : 'all()';

  if (encapEnabled(spec.ipipMode) && encapEnabled(spec.vxlanMode)) {
    out.push(issue('spec', 'ipipMode and vxlanMode cannot both be enabled'));
  }
  if (isLoadBalancer && (encapEnabled(spec.ipipMode) || encapEnabled(spec.vxlanMode))) {
    out.push(issue('spec', 'LoadBalancer IP pool cannot have IPIP or VXLAN enabled'));
  }
  if (isLoadBalancer && (uses.includes('Workload') || uses.includes('Tunnel'))) {
    out.push(issue('spec.allowedUses', 'LoadBalancer cannot be combined with Workload or Tunnel allowed uses', uses));
  }
  if (cidr.network.family === 6 && encapEnabled(spec.ipipMode)) {
    out.push(issue('spec.ipipMode', 'IPIP is not supported on IPv6 pools', spec.ipipMode));
  }
  if (isLoadBalancer && spec.disableBGPExport === true) {
    out.push(issue('spec.disableBGPExport', 'LoadBalancer IP pools cannot disable BGP export', true));
  }
  if (isLoadBalancer && nodeSelector !== 'all()') {
    out.push(issue('spec.nodeSelector', 'IP Pool with AllowedUse LoadBalancer must have nodeSelector set to all()', nodeSelector));
  }
  if (uses.includes('Tunnel') && isNonEmptyString(spec.namespaceSelector)) {
    out.push(issue('spec.namespaceSelector', 'IP Pool with AllowedUse Tunnel cannot have namespaceSelector', spec.namespaceSelector));
  }
  if (nodeSelector.includes('global(')) {
    out.push(issue('spec.nodeSelector', 'global() selector is not valid for IPPool nodeSelector', nodeSelector));
  }
  if (isNonEmptyString(spec.namespaceSelector) && spec.namespaceSelector.includes('global(')) {
    out.push(issue('spec.namespaceSelector', 'global() selector is not valid for IPPool namespaceSelector', spec.namespaceSelector));
  }
  if (cidr.network.family === 4 && cidrsOverlap(cidr, V4_LINK_LOCAL)) {
    out.push(issue('spec.cidr', 'IPPool CIDR overlaps with IPv4 link local range 169.254.0.0/16', cidrText));
  }
  if (cidr.network.family === 6 && cidrsOverlap(cidr, V6_LINK_LOCAL)) {
    out.push(issue('spec.cidr', 'IPPool CIDR overlaps with IPv6 link local range fe80::/10', cidrText));
  }

  const blockSize = spec.blockSize;
  if (typeof blockSize === 'number' && blockSize !== 0) {
    const [min, max] = cidr.network.family === 4 ? [20, 32] : [116, 128];
    if (blockSize < min || blockSize > max) {
      out.push(issue('spec.blockSize', BLOCK_SIZE_RANGE_MSG, blockSize));
    }
  }
  if (spec.disabled !== true && cidr.prefix > effectiveBlockSize(cidr, blockSize)) {
    out.push(issue('spec', POOL_TOO_SMALL_MSG));
  }

  checkSelector(spec.nodeSelector, 'spec.nodeSelector', out, 'NodeSelector');
  checkSelector(spec.namespaceSelector, 'spec.namespaceSelector', out, 'NamespaceSelector');
  return out;
};
