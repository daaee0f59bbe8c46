// Per-kind defaulting that Calico 3.32's client applies before storing a resource in etcd: the CRD schema
// defaults (run in-process in etcd mode) plus the client's own defaults and name/label rules.
import {applySchemaDefaults} from '../codec/go-order.js';
import {TIER_LABEL} from '../codec/storage.js';
import {ValidationFailedError} from '../datastore/errors.js';
import type {CalicoResource} from '../resource.js';

const POLICY_KINDS = new Set(['NetworkPolicy', 'GlobalNetworkPolicy', 'StagedNetworkPolicy', 'StagedGlobalNetworkPolicy']);
const STAGED_KINDS = new Set(['StagedNetworkPolicy', 'StagedGlobalNetworkPolicy', 'StagedKubernetesNetworkPolicy']);

/** The built-in tiers of 3.32 with their fixed order and default action. */
export const BUILTIN_TIERS: ReadonlyArray<{name: string; order: number; defaultAction: 'Deny' | 'Pass'}> = [
  {name: 'default', order: 1000000, defaultAction: 'Deny'},
  {name: 'kube-admin', order: 1000, defaultAction: 'Pass'},
  {name: 'kube-baseline', order: 10000000, defaultAction: 'Pass'},
];

// The CRD `default:` values of Calico 3.32.1 (api/config/crd), applied even before the schemas that
// carry them land, so stored values match real Calico byte for byte.
const CRD_SPEC_DEFAULTS: Record<string, Record<string, unknown>> = {
  NetworkPolicy: {tier: 'default'},
  GlobalNetworkPolicy: {tier: 'default'},
  StagedNetworkPolicy: {tier: 'default', stagedAction: 'Set'},
  StagedGlobalNetworkPolicy: {tier: 'default', stagedAction: 'Set'},
  StagedKubernetesNetworkPolicy: {stagedAction: 'Set'},
  Tier: {defaultAction: 'Deny'},
  IPPool: {assignmentMode: 'Automatic'},
  FelixConfiguration: {nftablesMode: 'Auto'},
  BGPConfiguration: {logSeverityScreen: 'Info', serviceLoadBalancerAggregation: 'Enabled'},
  KubeControllersConfiguration: {healthChecks: 'Enabled'},
  IPAMConfiguration: {autoAllocateBlocks: true, strictAffinity: false, maxBlocksPerHost: 0},
};

// ---------------------------------------------------------------------------------------------------
// Go durations (metav1.Duration marshals as time.Duration.String()).

const UNIT_NS: Record<string, number> = {ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9};

/** Parses a Go duration string (`1h2m3.5s`, `500ms`, `0`); undefined when malformed. */
export function parseGoDuration(text: string): number | undefined {
  if (text === '0') return 0;
  const m = /^([-+]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/.exec(text);
  if (!m) return undefined;
  let total = 0;
  for (const part of text.replace(/^[-+]/, '').matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) total += Number(part[1]) * UNIT_NS[part[2]];
  return m[1] === '-' ? -total : total;
}

/** Formats nanoseconds as Go's time.Duration.String() does (`5m0s`, `1h0m0s`, `500ms`, `0s`). */
export function formatGoDuration(ns: number): string {
  if (ns === 0) return '0s';
  const neg = ns < 0;
  let n = Math.round(Math.abs(ns));
  const sign = neg ? '-' : '';
  const frac = (value: number, digits: number) => {
    // value has `digits` fractional decimal digits; trim trailing zeros.
    const int = Math.floor(value / 10 ** digits);
    let f = String(value % 10 ** digits).padStart(digits, '0').replace(/0+$/, '');
    return f ? `${int}.${f}` : `${int}`;
  };
  if (n < 1e9) {
    if (n < 1e3) return `${sign}${n}ns`;
    if (n < 1e6) return `${sign}${frac(n, 3)}µs`;
    return `${sign}${frac(n, 6)}ms`;
  }
  const h = Math.floor(n / 3600e9);
  n -= h * 3600e9;
  const m = Math.floor(n / 60e9);
  n -= m * 60e9;
  const s = frac(n, 9);
  if (h > 0) return `${sign}${h}h${m}m${s}s`;
  if (m > 0) return `${sign}${m}m${s}s`;
  return `${sign}${s}s`;
}

// Kinds whose spec holds metav1.Duration fields; those fields are re-printed in Go's canonical form.
const DURATION_KINDS = new Set(['FelixConfiguration', 'KubeControllersConfiguration', 'BGPConfiguration', 'BGPPeer']);
const DURATION_FIELD = /(Interval|Timeout|Period|Time|TTL|Delay|After|Duration)$/;

function normaliseDurations(value: unknown): void {
  if (Array.isArray(value)) {
    for (const v of value) normaliseDurations(v);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const obj = value as Record<string, unknown>;
  for (const [k, v] of Object.entries(obj)) {
    if (typeof v === 'string' && (DURATION_FIELD.test(k) || k === 'timeout')) {
      const ns = parseGoDuration(v);
      if (ns !== undefined) obj[k] = formatGoDuration(ns);
    } else normaliseDurations(v);
  }
}

// ---------------------------------------------------------------------------------------------------
// WorkloadEndpoint names.

/** The name a WorkloadEndpoint must have, computed from its spec (libcalico-go names package). */
export function workloadEndpointName(spec: Record<string, any>): string {
  const seg = (field: string, value: unknown) => ({field, value: typeof value === 'string' ? value : ''});
  const node = seg('node', spec.node);
  if (!node.value) throw new ValidationFailedError([{name: 'node', reason: 'field should be assigned'}]);
  const orch = seg('orchestrator', spec.orchestrator);
  let segments;
  switch (orch.value) {
    case 'k8s':
      segments = [node, orch, seg('pod', spec.pod), seg('endpoint', spec.endpoint)];
      break;
    case 'cni':
      segments = [node, orch, seg('containerID', spec.containerID), seg('endpoint', spec.endpoint)];
      break;
    case 'libnetwork':
      segments = [node, orch, orch, seg('endpoint', spec.endpoint)];
      break;
    default:
      segments = [node, orch, seg('workload', spec.workload), seg('endpoint', spec.endpoint)];
  }
  return segments
    .map((s) => {
      if (!s.value) throw new ValidationFailedError([{name: s.field, value: s.value, reason: 'field should be assigned'}]);
      if (s.value.startsWith('-')) throw new ValidationFailedError([{name: s.field, value: s.value, reason: "field must not begin with a '-'"}]);
      if (s.value.endsWith('-')) throw new ValidationFailedError([{name: s.field, value: s.value, reason: "field must not end with a '-'"}]);
      return s.value.replace(/-/g, '--');
    })
    .join('-');
}

export {defaultAndCheckIPPool} from './ippool.js';

// ---------------------------------------------------------------------------------------------------

function setIfMissing(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (obj[key] === undefined || obj[key] === null) obj[key] = value;
}

/**
 * Returns a copy of the resource with every write-time default of 3.32 applied (except IPPool, whose
 * defaults need the datastore: see defaultAndCheckIPPool). Throws ValidationFailedError for
 * WorkloadEndpoint name problems.
 */
export function applyWriteDefaults(input: CalicoResource): CalicoResource {
  const res = structuredClone(input) as CalicoResource;
  res.spec ??= {};
  const spec = res.spec as Record<string, any>;
  const kind = res.kind;

  if (POLICY_KINDS.has(kind)) {
    if (!Array.isArray(spec.types) || spec.types.length === 0) {
      const ingress = Array.isArray(spec.ingress) && spec.ingress.length > 0;
      const egress = Array.isArray(spec.egress) && spec.egress.length > 0;
      spec.types = !egress ? ['Ingress'] : !ingress ? ['Egress'] : ['Ingress', 'Egress'];
    }
    res.metadata.labels = {...(res.metadata.labels ?? {}), [TIER_LABEL]: spec.tier || 'default'};
    // clientv3 clears the types of a staged Delete after defaulting them.
    if (STAGED_KINDS.has(kind) && spec.stagedAction === 'Delete') delete spec.types;
  }
  if (kind === 'Tier') setIfMissing(spec, 'order', 1000000);
  if (kind === 'FelixConfiguration') {
    setIfMissing(spec, 'floatingIPs', 'Disabled');
    setIfMissing(spec, 'bpfConnectTimeLoadBalancing', 'TCP');
    setIfMissing(spec, 'bpfHostNetworkedNATWithoutCTLB', 'Enabled');
    if (typeof spec.bpfConnectTimeLoadBalancingEnabled === 'boolean') {
      spec.bpfHostNetworkedNATWithoutCTLB = 'Disabled';
      spec.bpfConnectTimeLoadBalancing = spec.bpfConnectTimeLoadBalancingEnabled ? 'Enabled' : 'Disabled';
    }
    // A Go string field without omitempty: always written.
    setIfMissing(spec, 'bpfLogLevel', '');
  }
  if (kind === 'BGPConfiguration' && spec.nodeMeshPassword?.secretKeyRef) setIfMissing(spec.nodeMeshPassword.secretKeyRef, 'name', '');
  if (kind === 'BGPPeer' && spec.password?.secretKeyRef) setIfMissing(spec.password.secretKeyRef, 'name', '');
  if (kind === 'KubeControllersConfiguration') {
    setIfMissing(spec, 'prometheusMetricsPort', 9094);
    const controllers = spec.controllers ?? {};
    if (controllers.node) setIfMissing(controllers.node, 'leakGracePeriod', '15m0s');
    if (controllers.loadBalancer && !controllers.loadBalancer.assignIPs) controllers.loadBalancer.assignIPs = 'AllServices';
    if (controllers.policyMigration) setIfMissing(controllers.policyMigration, 'enabled', 'Enabled');
  }
  if (kind === 'WorkloadEndpoint') {
    const expected = workloadEndpointName(spec);
    if (!res.metadata.name) res.metadata.name = expected;
    else if (res.metadata.name !== expected) {
      throw new ValidationFailedError([
        {
          name: 'Name',
          value: res.metadata.name,
          reason: `the WorkloadEndpoint name does not match the primary identifiers assigned in the Spec: expected name ${expected}`,
        },
      ]);
    }
    res.metadata.labels = {
      ...(res.metadata.labels ?? {}),
      'projectcalico.org/namespace': res.metadata.namespace ?? '',
      'projectcalico.org/orchestrator': spec.orchestrator ?? '',
    };
  }
  for (const [k, v] of Object.entries(CRD_SPEC_DEFAULTS[kind] ?? {})) setIfMissing(spec, k, v);
  applySchemaDefaults(res);
  if (STAGED_KINDS.has(kind)) setIfMissing(spec, 'stagedAction', 'Set');
  if (DURATION_KINDS.has(kind)) normaliseDurations(spec);
  return res;
}

