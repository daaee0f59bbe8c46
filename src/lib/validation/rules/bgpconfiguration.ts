// BGPConfiguration: Calico 3.32's Go BGPConfigurationSpec validator (communities, prefix advertisements, mesh
// settings) and field tags (service CIDRs, ignored interfaces, peering IPs); the CRD's rules are `crdRules`.
import {parseIPOrCIDR} from '../../net/ip.js';
import type {CalicoResource} from '../../resource.js';
import type {SemanticRule, ValidationIssue} from '../types.js';
import {isIPv4, isIPv6, issue, NAME_REGEX, tagFailure, type Issues} from './common.js';
import {checkASNumber, checkNetwork, crdCIDRFormat, crdEnum, isNonEmptyString} from './infra-helpers.js';

const IGNORED_INTERFACE = /^[a-zA-Z0-9_.*-]{1,15}$/;
const LOG_SEVERITY_PATTERN_MSG = `spec.logSeverityScreen in body should match '^(?i)(Trace|Debug|Info|Warning|Error|Fatal)?$'`;
const STANDARD_COMMUNITY = /^(\d+):(\d+)$/;
const LARGE_COMMUNITY = /^(\d+):(\d+):(\d+)$/;

/**
 * Calico's community check: `aa:nn` with 16-bit parts or `aa:nn:mm` with 32-bit parts. Returns undefined for
 * a value of neither shape, else the list of range problems (empty when valid).
 */
function communityProblems(value: string): string[] | undefined {
  const large = LARGE_COMMUNITY.test(value);
  if (!large && !STANDARD_COMMUNITY.test(value)) return undefined;
  const bits = large ? 32 : 16;
  const max = large ? 4294967295 : 65535;
  return value
    .split(':')
    .filter((part) => Number(part) > max)
    .map(() => `invalid community value, expected ${bits} bit value`);
}

export const rules: SemanticRule = (resource: CalicoResource) => {
  const out: Issues = [];
  const spec = resource.spec ?? {};

  checkASNumber(out, 'spec.asNumber', spec.asNumber);
  for (const list of ['serviceLoadBalancerIPs', 'serviceExternalIPs', 'serviceClusterIPs']) {
    const blocks: any[] = Array.isArray(spec[list]) ? spec[list] : [];
    blocks.forEach((block, i) => {
      if (isNonEmptyString(block?.cidr)) checkNetwork(out, `spec.${list}[${i}].cidr`, block.cidr, 'CIDR', 'net');
    });
  }

  const communities: any[] = Array.isArray(spec.communities) ? spec.communities : [];
  communities.forEach((community, i) => {
    const path = `spec.communities[${i}]`;
    if (!isNonEmptyString(community?.name)) out.push(issue(`${path}.name`, tagFailure('Name', 'required')));
    else if (!NAME_REGEX.test(community.name)) out.push(issue(`${path}.name`, tagFailure('Name', 'name'), community.name));
    if (!isNonEmptyString(community?.value)) {
      out.push(issue(`${path}.value`, tagFailure('Value', 'required')));
      return;
    }
    const problems = communityProblems(community.value);
    if (problems === undefined) out.push(issue(`${path}.value`, 'invalid community value or format used.', community.value));
    else for (const p of problems) out.push(issue(`${path}.value`, p, community.value));
  });

  const advertisements: any[] = Array.isArray(spec.prefixAdvertisements) ? spec.prefixAdvertisements : [];
  advertisements.forEach((adv, i) => {
    const path = `spec.prefixAdvertisements[${i}]`;
    if (!isNonEmptyString(adv?.cidr)) out.push(issue(`${path}.cidr`, tagFailure('CIDR', 'required')));
    else if (!parseIPOrCIDR(adv.cidr)) out.push(issue(`${path}.cidr`, 'invalid CIDR value.', adv.cidr));
    else checkNetwork(out, `${path}.cidr`, adv.cidr, 'CIDR', 'net');
    if (!Array.isArray(adv?.communities)) {
      out.push(issue(`${path}.communities`, tagFailure('Communities', 'required')));
      return;
    }
    adv.communities.forEach((value: unknown, j: number) => {
      const cpath = `${path}.communities[${j}]`;
      const problems = typeof value === 'string' ? communityProblems(value) : undefined;
      if (problems === undefined) {
        if (!communities.some((c) => c?.name === value)) out.push(issue(cpath, 'community used is invalid or not defined.', value));
      } else {
        for (const p of problems) out.push(issue(cpath, p, value));
      }
    });
  });

  if (communities.length > 0 && advertisements.length === 0) {
    out.push(issue('spec.communities', 'communities are defined but not used in Spec.PrefixAdvertisement[].'));
  }
  if (spec.nodeToNodeMeshEnabled === false) {
    if (spec.nodeMeshPassword != null) {
      out.push(issue('spec.nodeMeshPassword', 'spec.NodeMeshPassword cannot be set if spec.NodeToNodeMesh is disabled'));
    }
    if (spec.nodeMeshMaxRestartTime != null) {
      out.push(issue('spec.nodeMeshMaxRestartTime', 'spec.NodeMeshMaxRestartTime cannot be set if spec.NodeToNodeMesh is disabled'));
    }
  }

  const ignored: unknown[] = Array.isArray(spec.ignoredInterfaces) ? spec.ignoredInterfaces : [];
  ignored.forEach((iface, i) => {
    if (typeof iface !== 'string' || iface === '*' || !IGNORED_INTERFACE.test(iface)) {
      out.push(issue(`spec.ignoredInterfaces[${i}]`, tagFailure(`IgnoredInterfaces[${i}]`, 'ignoredInterface'), iface));
    }
  });
  if (isNonEmptyString(spec.localWorkloadPeeringIPV4) && !isIPv4(spec.localWorkloadPeeringIPV4)) {
    out.push(issue('spec.localWorkloadPeeringIPV4', tagFailure('LocalWorkloadPeeringIPV4', 'ipv4'), spec.localWorkloadPeeringIPV4));
  }
  if (isNonEmptyString(spec.localWorkloadPeeringIPV6) && !isIPv6(spec.localWorkloadPeeringIPV6)) {
    out.push(issue('spec.localWorkloadPeeringIPV6', tagFailure('LocalWorkloadPeeringIPV6', 'ipv6'), spec.localWorkloadPeeringIPV6));
  }
  return out;
};

/**
 * The BGPConfiguration CRD's OpenAPI and CEL rules, and the client's default-only fields check, which it runs
 * on every create and update (calicoctl 3.32 applies them on create/apply/replace only).
 */
export const crdRules: SemanticRule = (resource: CalicoResource) => {
  const out: Issues = nonDefaultBGPConfigurationIssues(resource);
  const spec = resource.spec ?? {};
  if (typeof spec.logSeverityScreen === 'string' && !/^(Trace|Debug|Info|Warning|Error|Fatal)?$/i.test(spec.logSeverityScreen)) {
    out.push(issue('spec.logSeverityScreen', LOG_SEVERITY_PATTERN_MSG, spec.logSeverityScreen));
  }
  for (const list of ['serviceLoadBalancerIPs', 'serviceExternalIPs', 'serviceClusterIPs']) {
    const blocks: any[] = Array.isArray(spec[list]) ? spec[list] : [];
    blocks.forEach((block, i) => crdCIDRFormat(out, `spec.${list}[${i}].cidr`, block?.cidr));
  }
  // Pointer fields: an empty string is kept and checked.
  crdEnum(out, 'spec.serviceLoadBalancerAggregation', spec.serviceLoadBalancerAggregation, ['Enabled', 'Disabled'], true);
  crdEnum(out, 'spec.bindMode', spec.bindMode, ['None', 'NodeIP'], true);
  crdEnum(out, 'spec.programClusterRoutes', spec.programClusterRoutes, ['Enabled', 'Disabled'], true);
  const advertisements: any[] = Array.isArray(spec.prefixAdvertisements) ? spec.prefixAdvertisements : [];
  advertisements.forEach((adv, i) => crdCIDRFormat(out, `spec.prefixAdvertisements[${i}].cidr`, adv?.cidr));
  if (spec.nodeToNodeMeshEnabled === false) {
    if (spec.nodeMeshPassword != null) out.push(issue('spec', 'nodeMeshPassword cannot be set when nodeToNodeMeshEnabled is false'));
    if (spec.nodeMeshMaxRestartTime != null) {
      out.push(issue('spec', 'nodeMeshMaxRestartTime cannot be set when nodeToNodeMeshEnabled is false'));
    }
  }
  return out;
};

/** Fields only the cluster-wide `default` BGPConfiguration may set (JSON name, Go name). */
const DEFAULT_ONLY_FIELDS: ReadonlyArray<[string, string]> = [
  ['nodeToNodeMeshEnabled', 'nodeToNodeMeshEnabled'],
  ['asNumber', 'ASNumber'],
  ['serviceLoadBalancerIPs', 'ServiceLoadBalancerIPs'],
  ['serviceExternalIPs', 'ServiceExternalIPs'],
  ['serviceClusterIPs', 'ServiceClusterIPs'],
  ['nodeMeshPassword', 'nodeMeshPassword'],
  ['nodeMeshMaxRestartTime', 'nodeMeshMaxRestartTime'],
];

/**
 * The check Calico's client runs on BGPConfiguration create/update (not part of calicoctl 3.32 `validate`):
 * a configuration other than `default` may not set the cluster-wide fields.
 */
export function nonDefaultBGPConfigurationIssues(resource: CalicoResource): ValidationIssue[] {
  if (resource.metadata?.name === 'default') return [];
  const spec = resource.spec ?? {};
  return DEFAULT_ONLY_FIELDS.filter(([field]) => {
    const v = spec[field];
    return v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0);
  }).map(([field, goName]) => ({
    path: `spec.${field}`,
    message: `Cannot set ${goName} on a non default BGP Configuration.`,
    value: spec[field],
  }));
}
