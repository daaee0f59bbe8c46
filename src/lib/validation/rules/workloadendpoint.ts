// WorkloadEndpoint: Calico's validateWorkloadEndpointSpec, IPNAT and WorkloadEndpointPort checks and the
// spec's field tags (no CRD: the type is internal to libcalico-go), plus the client's write-time name check.
import type {SemanticRule} from '../types.js';
import {workloadEndpointName} from '../../defaults/index.js';
import {cidrContainsIP, familyBits, parseIP, parseIPOrCIDR} from '../../net/ip.js';
import {
  checkEndpointPortProtocol,
  checkNameList,
  isCIDROrIP,
  isIP,
  isIPv4,
  isIPv6,
  isMAC,
  isStrictNet,
  isValidContainerID,
  isValidInterfaceName,
  isValidName,
  isValidPortName,
  issue,
  portNameErrors,
  tagFailure,
  type Issues,
} from './common.js';

interface WorkloadEndpointPort {
  name?: string;
  protocol: number | string;
  port: number;
  hostPort?: number;
  hostIP?: string;
}

interface IPNAT {
  internalIP?: string;
  externalIP?: string;
}

/** IP family of an address field as libcalico sees it; an empty value has no family (0). */
const familyOf = (s: string | undefined): number => (s ? (parseIPOrCIDR(s)?.ip.family ?? 0) : 0);

export const rules: SemanticRule = (resource) => {
  const out: Issues = [];
  const spec = resource.spec ?? {};
  for (const field of ['orchestrator', 'workload', 'node', 'pod', 'endpoint', 'serviceAccountName'] as const) {
    const v: string | undefined = spec[field];
    if (v && !isValidName(v)) out.push(issue(`spec.${field}`, tagFailure(field[0].toUpperCase() + field.slice(1), 'name'), v));
  }
  if (spec.containerID && !isValidContainerID(spec.containerID)) {
    out.push(issue('spec.containerID', tagFailure('ContainerID', 'containerID'), spec.containerID));
  }

  const networks: string[] = spec.ipNetworks ?? [];
  for (const [i, n] of networks.entries()) {
    const at = `spec.ipNetworks[${i}]`;
    const c = parseIPOrCIDR(n);
    if (!c || !isStrictNet(n)) {
      out.push(issue(at, tagFailure('IPNetworks', 'net'), n));
    } else if (c.prefix !== familyBits(c.ip.family)) {
      out.push(issue(at, 'IP network contains multiple addresses', n));
    }
  }

  const nats: IPNAT[] = spec.ipNATs ?? [];
  for (const [i, nat] of nats.entries()) {
    const at = `spec.ipNATs[${i}]`;
    for (const f of ['internalIP', 'externalIP'] as const) {
      if (nat[f] && !isIP(nat[f]!)) out.push(issue(`${at}.${f}`, tagFailure(f === 'internalIP' ? 'InternalIP' : 'ExternalIP', 'ip'), nat[f]));
    }
    if (familyOf(nat.internalIP) !== familyOf(nat.externalIP)) {
      out.push(issue(`${at}.externalIP`, 'mismatched IP versions', nat.externalIP));
    }
  }
  if (nats.length > 0) {
    const nets = networks.map((n) => parseIPOrCIDR(n));
    // Every NAT's internal IP must lie in one of the endpoint's networks.
    const covered = nats.every((nat) => {
      const ip = nat.internalIP ? parseIP(nat.internalIP) : undefined;
      return ip !== undefined && nets.some((c) => c !== undefined && cidrContainsIP(c, ip));
    });
    if (!covered) out.push(issue('spec.ipNATs', 'NAT is not in the endpoint networks'));
  }

  if (spec.ipv4Gateway && !isIPv4(spec.ipv4Gateway)) {
    out.push(issue('spec.ipv4Gateway', tagFailure('IPv4Gateway', 'ipv4'), spec.ipv4Gateway));
  }
  if (spec.ipv6Gateway && !isIPv6(spec.ipv6Gateway)) {
    out.push(issue('spec.ipv6Gateway', tagFailure('IPv6Gateway', 'ipv6'), spec.ipv6Gateway));
  }
  checkNameList(spec.profiles, 'spec.profiles', 'Profiles', out);
  const iface: string = spec.interfaceName ?? '';
  if (!isValidInterfaceName(iface)) out.push(issue('spec.interfaceName', tagFailure('InterfaceName', 'interface'), iface));
  if (spec.mac && !isMAC(spec.mac)) out.push(issue('spec.mac', tagFailure('MAC', 'mac'), spec.mac));

  for (const [i, p] of ((spec.ports as WorkloadEndpointPort[] | undefined) ?? []).entries()) {
    const at = `spec.ports[${i}]`;
    if (p.name && !isValidPortName(p.name)) {
      out.push(issue(`${at}.name`, `${tagFailure('Name', 'portName')}: ${portNameErrors(p.name).join('; ')}`, p.name));
    }
    checkEndpointPortProtocol(p.protocol, `${at}.protocol`, out, 'WorkloadEndpointPort');
    if (!p.name && !p.hostPort) {
      out.push(issue(`${at}.name`, 'WorkloadEndpointPort name must not be empty if no HostPort is specified'));
    }
    if (p.hostIP && !isStrictNet(p.hostIP)) out.push(issue(`${at}.hostIP`, tagFailure('HostIP', 'net'), p.hostIP));
  }
  for (const [i, c] of ((spec.allowSpoofedSourcePrefixes as string[] | undefined) ?? []).entries()) {
    if (!isCIDROrIP(c)) out.push(issue(`spec.allowSpoofedSourcePrefixes[${i}]`, tagFailure('AllowSpoofedSourcePrefixes', 'cidr'), c));
  }
  return out;
};

/**
 * Write-stage check (the hook the orchestrator runs for writes and for `validate`): the client computes
 * the name from node, orchestrator, workload/pod/containerID and endpoint before validating, rejects a
 * WorkloadEndpoint missing one of them, and rejects a written name that differs (an empty one is set).
 */
export const crdRules: SemanticRule = (resource) => {
  const spec = resource.spec ?? {};
  let expected: string;
  try {
    expected = workloadEndpointName(spec);
  } catch (err) {
    const fields = (err as {fields?: Array<{name: string; value?: unknown; reason?: string}>}).fields;
    if (!fields) throw err;
    return fields.map((f) => issue(`spec.${f.name}`, f.reason ?? 'invalid value', f.value === '' ? undefined : f.value));
  }
  const name = resource.metadata?.name ?? '';
  if (name === '' || name === expected) return [];
  return [
    issue('metadata.name', `the WorkloadEndpoint name does not match the primary identifiers assigned in the Spec: expected name ${expected}`, name),
  ];
};
