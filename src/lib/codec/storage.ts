// Storage encoding of v3 resources exactly as libcalico-go 3.32 writes and reads them in etcd.
import type {KindDescriptor} from '../registry/types.js';
import {API_VERSION} from '../registry/types.js';
import type {CalicoResource} from '../resource.js';
import {goJson, toGoOrder} from './go-order.js';

export const POLICY_KINDS = new Set(['NetworkPolicy', 'GlobalNetworkPolicy', 'StagedNetworkPolicy', 'StagedGlobalNetworkPolicy']);
export const TIER_LABEL = 'projectcalico.org/tier';
export const POLICY_NAME_ANNOTATION = 'projectcalico.org/metadata';

/** Kinds whose Go type has a non-pointer status struct, always written as `"status":{}`. */
const ALWAYS_STATUS = new Set(['Tier', 'Node', 'KubeControllersConfiguration']);

function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = dropNulls(v);
  return out;
}

/**
 * The etcd value for a resource: compact JSON, Go field order, kind/apiVersion re-set,
 * resourceVersion and selfLink removed, empty metadata maps omitted (Go omitempty), null fields dropped.
 */
export function encodeResource(resource: CalicoResource): string {
  const meta: Record<string, unknown> = {...resource.metadata};
  delete meta.resourceVersion;
  delete meta.selfLink;
  for (const k of ['labels', 'annotations']) {
    const m = meta[k] as Record<string, string> | undefined;
    if (m && typeof m === 'object' && Object.keys(m).length === 0) delete meta[k];
  }
  for (const k of ['ownerReferences', 'finalizers', 'managedFields']) if (Array.isArray(meta[k]) && (meta[k] as unknown[]).length === 0) delete meta[k];
  for (const k of ['generateName', 'uid', 'namespace']) if (meta[k] === '') delete meta[k];
  if (meta.generation === 0) delete meta.generation;
  const obj: Record<string, unknown> = {kind: resource.kind, apiVersion: API_VERSION, metadata: dropNulls(meta), spec: dropNulls(resource.spec ?? {})};
  if (resource.status !== undefined && resource.status !== null) obj.status = dropNulls(resource.status);
  else if (ALWAYS_STATUS.has(resource.kind)) obj.status = {};
  return goJson(toGoOrder(obj));
}

export class StorageParseError extends Error {}

/**
 * Turns an etcd value back into the resource clientv3 3.32 returns: resourceVersion = mod_revision,
 * policy names from the `projectcalico.org/metadata` annotation (or without the legacy `default.`
 * prefix), the default tier label, and IPPool read defaults.
 */
export function decodeResource(kind: KindDescriptor, key: string, value: string, modRevision: string): CalicoResource {
  let obj: CalicoResource;
  try {
    obj = JSON.parse(value) as CalicoResource;
  } catch (err) {
    throw new StorageParseError(`failed to parse datastore entry key=${key}; value=${value}: ${(err as Error).message}`);
  }
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
    throw new StorageParseError(`failed to parse datastore entry key=${key}; value=${value}: not an object`);
  }
  obj.kind = kind.kind;
  obj.apiVersion = API_VERSION;
  obj.metadata = {...(obj.metadata ?? {})};
  delete obj.metadata.selfLink;
  obj.metadata.resourceVersion = modRevision;
  if (obj.spec === undefined || obj.spec === null) obj.spec = {};
  if (POLICY_KINDS.has(kind.kind)) applyPolicyReadRules(obj);
  if (kind.kind === 'IPPool') applyIPPoolReadDefaults(obj);
  return obj;
}

/** The name under which a policy was stored by Calico ≤3.31 for the default tier. */
export function legacyPolicyName(name: string): string {
  return `default.${name}`;
}

function applyPolicyReadRules(obj: CalicoResource): void {
  const meta = obj.metadata;
  const annotations = meta.annotations ? {...meta.annotations} : undefined;
  const stored = annotations?.[POLICY_NAME_ANNOTATION];
  if (stored) {
    try {
      const parsed = JSON.parse(stored) as {name?: string};
      meta.name = parsed.name ?? '';
    } catch {
      /* keep the stored name, as a reader that cannot parse the annotation would have to */
    }
    delete annotations![POLICY_NAME_ANNOTATION];
    if (Object.keys(annotations!).length === 0) delete meta.annotations;
    else meta.annotations = annotations;
  } else {
    const tier = obj.spec?.tier;
    if ((tier === undefined || tier === '' || tier === 'default') && meta.name?.startsWith('default.')) meta.name = meta.name.slice('default.'.length);
  }
  if (obj.kind !== 'StagedKubernetesNetworkPolicy') {
    const labels = {...(meta.labels ?? {})};
    if (!(TIER_LABEL in labels)) labels[TIER_LABEL] = 'default';
    meta.labels = labels;
  }
}

function applyIPPoolReadDefaults(obj: CalicoResource): void {
  const spec = obj.spec;
  const v6 = typeof spec.cidr === 'string' && spec.cidr.includes(':');
  if (!spec.blockSize) spec.blockSize = v6 ? 122 : 26;
  if (!spec.nodeSelector) spec.nodeSelector = 'all()';
  if (!spec.ipipMode) spec.ipipMode = 'Never';
  if (!spec.vxlanMode) spec.vxlanMode = 'Never';
  if (!Array.isArray(spec.allowedUses) || spec.allowedUses.length === 0) spec.allowedUses = ['Workload', 'Tunnel'];
  if (spec.assignmentMode === undefined || spec.assignmentMode === null) spec.assignmentMode = 'Automatic';
}

/** Tier List fills order and defaultAction (3.32 `Tiers().List`). */
export function applyTierListDefaults(obj: CalicoResource): void {
  if (obj.spec.order === undefined || obj.spec.order === null) obj.spec.order = 1000000;
  if (!obj.spec.defaultAction) obj.spec.defaultAction = 'Deny';
}
