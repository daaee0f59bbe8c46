// IPPool: Calico 3.32's Go IPPoolSpec validator (what `calicoctl validate` runs), and the IPPool CRD's
// OpenAPI and CEL rules as `crdRules` (applied by Calico's client when it writes).
import {cidrsOverlap, parseCIDR, parseIPOrCIDR, type CIDR} from '../../net/ip.js';
import type {CalicoResource} from '../../resource.js';
import type {SemanticRule} from '../types.js';
import {checkSelector, issue, type Issues} from './common.js';
import {crdCIDRFormat, crdEnum, crdItems, crdMaxLength, crdRange, effectiveBlockSize, isNonEmptyString, isStrictlyMasked} from './infra-helpers.js';

const V4_LINK_LOCAL = parseCIDR('169.254.0.0/16') as CIDR;
const V6_LINK_LOCAL = parseCIDR('fe80::/10') as CIDR;
const ALLOWED_USES = ['Workload', 'Tunnel', 'LoadBalancer'];
const ENCAP_MODES = ['Never', 'Always', 'CrossSubnet'];
const POOL_TOO_SMALL_MSG =
  'IP pool size is too small for use with Calico IPAM. It must be equal to or greater than the block size.';

/** An encapsulation mode that is on (Always or CrossSubnet). */
const encapEnabled = (mode: unknown): boolean => mode === 'Always' || mode === 'CrossSubnet';

export const rules: SemanticRule = (resource: CalicoResource) => {
  const out: Issues = [];
  const spec = resource.spec ?? {};
  const cidrText: string = typeof spec.cidr === 'string' ? spec.cidr : '';

  if (cidrText === '') out.push(issue('spec.cidr', 'IPPool CIDR must be specified', cidrText));
  const cidr = parseIPOrCIDR(cidrText);
  if (!cidr) {
    out.push(issue('spec.cidr', 'IPPool CIDR must be a valid subnet', cidrText));
    return out;
  }
  const uses: unknown[] = Array.isArray(spec.allowedUses) ? spec.allowedUses : [];
  const isLoadBalancer = uses.includes('LoadBalancer');

  // Calico compares with "Never": an unset ipipMode on an IPv6 pool is rejected (its client defaults the mode
  // to Never before validating when it writes, but `validate` does not default).
  if (cidr.network.family === 6 && spec.ipipMode !== 'Never') {
    out.push(issue('spec.ipipMode', "IPIPMode other than 'Never' is not supported on an IPv6 IP pool", spec.ipipMode ?? ''));
  }
  if (encapEnabled(spec.ipipMode) && encapEnabled(spec.vxlanMode)) {
    // Calico's wording, although the check is not specific to LoadBalancer pools.
    out.push(issue('spec.ipipMode', 'IPIPMode and VXLANMode cannot be enabled on LoadBalancer IP pool', spec.ipipMode));
  }
  if (isLoadBalancer && (encapEnabled(spec.ipipMode) || encapEnabled(spec.vxlanMode))) {
    out.push(issue('spec.ipipMode', 'Neither IPIPMode nor VXLANMode can be enabled on AllowedUses LoadBalancer IP pool', spec.ipipMode ?? ''));
  }
  if (spec.disabled !== true && cidr.prefix > effectiveBlockSize(cidr, spec.blockSize)) {
    out.push(issue('spec.cidr', POOL_TOO_SMALL_MSG, cidrText));
  }
  if (!isStrictlyMasked(cidr)) out.push(issue('spec.cidr', 'IP pool CIDR is not strictly masked', cidrText));
  if (cidr.network.family === 4 && cidrsOverlap(cidr, V4_LINK_LOCAL)) {
    out.push(issue('spec.cidr', 'IP pool range overlaps with IPv4 Link Local range 169.254.0.0/16', cidrText));
  }
  if (cidr.network.family === 6 && cidrsOverlap(cidr, V6_LINK_LOCAL)) {
    out.push(issue('spec.cidr', 'IP pool range overlaps with IPv6 Link Local range fe80::/10', cidrText));
  }
  uses.forEach((use, i) => {
    if (use === 'LoadBalancer') return;
    if (use === 'Workload' || use === 'Tunnel') {
      if (isLoadBalancer) out.push(issue(`spec.allowedUses[${i}]`, `LoadBalancer cannot be used at the same time as: ${use}`, use));
    } else {
      out.push(issue(`spec.allowedUses[${i}]`, `unknown use: ${String(use)}`, use));
    }
  });
  if (isLoadBalancer && spec.disableBGPExport === true) {
    // Calico's wording: the check rejects disableBGPExport: true.
    out.push(issue('spec.disableBGPExport', 'IP Pool with AllowedUse LoadBalancer must have DisableBGPExport set to true', true));
  }
  if (isLoadBalancer && spec.nodeSelector !== 'all()') {
    out.push(issue('spec.nodeSelector', 'IP Pool with AllowedUse LoadBalancer must have node selector set to all()', spec.nodeSelector ?? ''));
  }
  if (uses.includes('Tunnel') && isNonEmptyString(spec.namespaceSelector)) {
    out.push(
      issue(
        'spec.namespaceSelector',
        'IP Pool with AllowedUse Tunnel cannot have namespaceSelector specified - tunnel IPs are not namespaced resources',
        spec.namespaceSelector,
      ),
    );
  }
  if (isNonEmptyString(spec.nodeSelector) && spec.nodeSelector.includes('global(')) {
    out.push(issue('spec.nodeSelector', 'global() selector is not valid for IPPool nodeSelector - use all() instead', spec.nodeSelector));
  }
  if (isNonEmptyString(spec.namespaceSelector) && spec.namespaceSelector.includes('global(')) {
    out.push(
      issue('spec.namespaceSelector', 'global() selector is not valid for IPPool namespaceSelector - use all() instead', spec.namespaceSelector),
    );
  }
  checkSelector(spec.nodeSelector, 'spec.nodeSelector', out, 'NodeSelector');
  checkSelector(spec.namespaceSelector, 'spec.namespaceSelector', out, 'NamespaceSelector');
  return out;
};

/** The IPPool CRD's OpenAPI and CEL rules (calicoctl 3.32 applies them on create/apply/replace only). */
export const crdRules: SemanticRule = (resource: CalicoResource) => {
  const out: Issues = [];
  const spec = resource.spec ?? {};
  const mode = (m: unknown): boolean => isNonEmptyString(m) && m !== 'Never';
  const uses: unknown[] = Array.isArray(spec.allowedUses) ? spec.allowedUses : [];
  crdMaxLength(out, 'spec.cidr', spec.cidr, 48);
  crdCIDRFormat(out, 'spec.cidr', spec.cidr);
  crdEnum(out, 'spec.vxlanMode', spec.vxlanMode, ENCAP_MODES);
  crdEnum(out, 'spec.ipipMode', spec.ipipMode, ENCAP_MODES);
  crdRange(out, 'spec.blockSize', spec.blockSize, 0, 128);
  crdItems(out, 'spec.allowedUses', spec.allowedUses, 0, 10);
  uses.forEach((u, i) => crdEnum(out, `spec.allowedUses[${i}]`, u, ALLOWED_USES, true));
  crdEnum(out, 'spec.assignmentMode', spec.assignmentMode, ['Automatic', 'Manual'], true); // a pointer
  if (mode(spec.ipipMode) && mode(spec.vxlanMode)) out.push(issue('spec', 'ipipMode and vxlanMode cannot both be enabled'));
  if (uses.includes('LoadBalancer')) {
    if (mode(spec.ipipMode) || mode(spec.vxlanMode)) out.push(issue('spec', 'LoadBalancer IP pool cannot have IPIP or VXLAN enabled'));
    if (uses.includes('Workload') || uses.includes('Tunnel')) {
      out.push(issue('spec', 'LoadBalancer cannot be combined with Workload or Tunnel allowed uses'));
    }
  }
  if (typeof spec.cidr === 'string' && spec.cidr.includes(':') && mode(spec.ipipMode)) {
    out.push(issue('spec', 'IPIP is not supported on IPv6 pools'));
  }
  checkConditions(out, resource.status?.conditions);
  return out;
};

const CONDITION_TYPE = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$/;
const CONDITION_REASON = /^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$/;

/**
 * The CRD schema of `status.conditions` (Kubernetes' metav1.Condition). Go always encodes type, status,
 * reason, message and lastTransitionTime (null when unset), so each must hold a valid value.
 */
function checkConditions(out: Issues, conditions: unknown): void {
  if (!Array.isArray(conditions)) return;
  conditions.forEach((c: Record<string, unknown> | null, i) => {
    const path = `status.conditions[${i}]`;
    const type = typeof c?.type === 'string' ? c.type : '';
    if (!CONDITION_TYPE.test(type)) out.push(issue(`${path}.type`, `${path}.type in body should match '${CONDITION_TYPE.source}'`, type));
    crdMaxLength(out, `${path}.type`, type, 316);
    crdEnum(out, `${path}.status`, typeof c?.status === 'string' ? c.status : '', ['True', 'False', 'Unknown'], true);
    const reason = typeof c?.reason === 'string' ? c.reason : '';
    if (reason === '') out.push(issue(`${path}.reason`, `${path}.reason in body should be at least 1 chars long`));
    else if (!CONDITION_REASON.test(reason)) out.push(issue(`${path}.reason`, `${path}.reason in body should match '${CONDITION_REASON.source}'`, reason));
    crdMaxLength(out, `${path}.reason`, reason, 1024);
    crdMaxLength(out, `${path}.message`, c?.message, 32768);
    if (c?.lastTransitionTime === undefined || c.lastTransitionTime === null) {
      out.push(issue(`${path}.lastTransitionTime`, `${path}.lastTransitionTime in body must be of type string: "null"`));
    }
    if (typeof c?.observedGeneration === 'number' && c.observedGeneration < 0) {
      out.push(issue(`${path}.observedGeneration`, 'should be greater than or equal to 0', c.observedGeneration));
    }
  });
}
