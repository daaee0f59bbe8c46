// The etcd v3 Datastore: libcalico-go 3.32's clientv3 + etcdv3 backend semantics for resource CRUD.
import {randomUUID} from 'node:crypto';
import {listPrefix, parseResourceKeyPath, resourceKeyPath} from '../codec/keys.js';
import {
  applyTierListDefaults,
  decodeResource,
  encodeResource,
  legacyPolicyName,
  POLICY_KINDS,
  POLICY_NAME_ANNOTATION,
  StorageParseError,
} from '../codec/storage.js';
import {goJson} from '../codec/go-order.js';
import {applyWriteDefaults, BUILTIN_TIERS, defaultAndCheckIPPool} from '../defaults/index.js';
import {kindFromManifest} from '../registry/index.js';
import type {KindDescriptor} from '../registry/types.js';
import {resourceId, type CalicoResource} from '../resource.js';
import type {Compare, EtcdClient, EtcdKeyValue, TxnOp} from './etcd-client.js';
import {
  AtomicWriteError,
  DatastoreError,
  OperationNotSupportedError,
  ResourceAlreadyExistsError,
  ResourceDoesNotExistError,
  UpdateConflictError,
  ValidationFailedError,
} from './errors.js';
import type {Datastore, KeyValue, RawOp, RawStore, ResourceKey} from './types.js';

export const DEFAULT_ALLOW_PROFILE = 'projectcalico-default-allow';
/** etcd's default --max-txn-ops. */
const MAX_TXN_OPS = 128;
/** Stay well under etcd's default 1.5 MiB request limit (values are base64-encoded on the wire). */
const MAX_TXN_BYTES = 900 * 1024;
/** From this many writes in one run, loading the gRPC client pays for itself. */
const GRPC_BULK_MIN = 2000;
/** From this many keys under one parent, one prefix read beats per-key reads. */
const PREFIX_READ_MIN = 256;
/** Transactions in flight at once for bulk writes (etcd batches concurrent proposals into one fsync). */
const WRITE_CONCURRENCY = 4;

/** Kubernetes' rule for namespace names (an RFC 1123 label). */
const NAMESPACE_NAME = /^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function defaultAllowProfile(): CalicoResource {
  return {
    apiVersion: 'projectcalico.org/v3',
    kind: 'Profile',
    metadata: {name: DEFAULT_ALLOW_PROFILE, resourceVersion: '1'},
    spec: {ingress: [{action: 'Allow'}], egress: [{action: 'Allow'}]},
  };
}

/** RFC3339 UTC with seconds precision, as metav1.Time marshals. */
function nowTimestamp(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function idOf(res: CalicoResource | ResourceKey): string {
  if ('kind' in res && typeof res.kind === 'string') {
    const r = res as CalicoResource;
    return resourceId(r.kind, r.metadata.name, r.metadata.namespace || undefined);
  }
  const k = res as ResourceKey;
  return resourceId(k.kind.kind, k.name, k.kind.namespaced ? k.namespace : undefined);
}

function toRawKv(kv: EtcdKeyValue): KeyValue {
  return {key: kv.key, value: kv.value, modRevision: kv.modRevision, version: kv.version, createRevision: kv.createRevision};
}

interface Prepared {
  op: 'create' | 'update';
  path: string;
  value: string;
  /** The resource as written (without resourceVersion). */
  written: CalicoResource;
  kind: KindDescriptor;
  compare: Compare;
  id: string;
}

export class EtcdDatastore implements Datastore {
  readonly raw: RawStore;
  writeValidator?: Datastore['writeValidator'];
  /** Policies found only under their pre-3.32 `default.<name>` key: primary path -> legacy path. */
  private legacyPaths = new Map<string, string>();
  private knownTiers = new Set<string>();

  constructor(private readonly client: EtcdClient) {
    this.raw = new EtcdRawStore(client);
  }

  get timeoutMs(): number {
    return this.client.timeoutMs;
  }

  async close(): Promise<void> {
    this.client.close();
  }

  // ------------------------------------------------------------------------------------------------
  // Reads

  async get(key: ResourceKey): Promise<CalicoResource> {
    const found = (await this.getMany([key]))[0];
    if (!found) throw new ResourceDoesNotExistError(idOf(key));
    return found;
  }

  async getMany(keys: ResourceKey[]): Promise<Array<CalicoResource | undefined>> {
    const results: Array<CalicoResource | undefined> = new Array(keys.length).fill(undefined);
    const paths = keys.map((k) => resourceKeyPath(k.kind, k.name, k.namespace));
    const kvs = await this.readPaths(paths);
    const legacyNeeded: number[] = [];
    keys.forEach((k, i) => {
      if (k.kind.kind === 'Profile' && k.name === DEFAULT_ALLOW_PROFILE) {
        results[i] = defaultAllowProfile();
        return;
      }
      const kv = kvs.get(paths[i]);
      if (kv) results[i] = this.decodeForGet(k.kind, kv);
      else if (POLICY_KINDS.has(k.kind.kind) && !k.name.startsWith('default.')) legacyNeeded.push(i);
    });
    if (legacyNeeded.length) {
      const legacy = legacyNeeded.map((i) => resourceKeyPath(keys[i].kind, legacyPolicyName(keys[i].name), keys[i].namespace));
      const legacyKvs = await this.readPaths(legacy);
      legacyNeeded.forEach((i, j) => {
        const kv = legacyKvs.get(legacy[j]);
        if (!kv) return;
        const res = this.decodeForGet(keys[i].kind, kv);
        // Only a default-tier policy stored by Calico ≤3.31 answers to its short name.
        if (res.metadata.name === keys[i].name && (!res.spec?.tier || res.spec.tier === 'default')) {
          results[i] = res;
          this.legacyPaths.set(paths[i], legacy[j]);
        }
      });
    }
    return results;
  }

  private decodeForGet(kind: KindDescriptor, kv: EtcdKeyValue): CalicoResource {
    try {
      return decodeResource(kind, kv.key, kv.value, kv.modRevision);
    } catch (err) {
      if (err instanceof StorageParseError) throw new ResourceDoesNotExistError(err.message);
      throw err;
    }
  }

  /**
   * Reads exact keys. Many keys under one parent are read with one paged prefix range when that parent
   * holds few other keys; the rest in batched transactions of range operations.
   */
  private async readPaths(paths: string[]): Promise<Map<string, EtcdKeyValue>> {
    const out = new Map<string, EtcdKeyValue>();
    if (paths.length === 1) {
      const r = await this.client.range(paths[0]);
      if (r.kvs[0]) out.set(paths[0], r.kvs[0]);
      return out;
    }
    const byParent = new Map<string, string[]>();
    for (const p of new Set(paths)) {
      const parent = p.slice(0, p.lastIndexOf('/') + 1);
      byParent.set(parent, [...(byParent.get(parent) ?? []), p]);
    }
    const single: string[] = [];
    for (const [parent, group] of byParent) {
      if (group.length >= PREFIX_READ_MIN && (await this.client.count(parent)) <= group.length * 4) {
        const wanted = new Set(group);
        for (const kv of (await this.client.rangeAll(parent)).kvs) if (wanted.has(kv.key)) out.set(kv.key, kv);
      } else single.push(...group);
    }
    const chunks: string[][] = [];
    for (let i = 0; i < single.length; i += MAX_TXN_OPS) chunks.push(single.slice(i, i + MAX_TXN_OPS));
    await runLimited(chunks, 4, async (chunk) => {
      const res = await this.client.txn([], chunk.map((key) => ({range: {key}})));
      res.responses.forEach((r) => {
        const kv = r.kvs?.[0];
        if (kv) out.set(kv.key, kv);
      });
    });
    return out;
  }

  async list(kind: KindDescriptor, namespace?: string): Promise<CalicoResource[]> {
    const {kvs} = await this.client.rangeAll(listPrefix(kind, namespace));
    const items: CalicoResource[] = [];
    for (const kv of kvs) {
      const parsed = parseResourceKeyPath(kind, kv.key);
      if (!parsed) continue;
      try {
        const res = decodeResource(kind, kv.key, kv.value, kv.modRevision);
        if (kind.kind === 'Tier') applyTierListDefaults(res);
        items.push(res);
      } catch {
        // Calico's List silently skips values it cannot parse.
      }
    }
    if (kind.kind === 'Profile') items.push(defaultAllowProfile());
    return items;
  }

  // ------------------------------------------------------------------------------------------------
  // Writes

  async create(resource: CalicoResource): Promise<CalicoResource> {
    const prepared = await this.prepare('create', resource);
    return this.commitOne(prepared);
  }

  async update(resource: CalicoResource): Promise<CalicoResource> {
    const prepared = await this.prepare('update', resource);
    return this.commitOne(prepared);
  }

  async writeMany(items: ReadonlyArray<{op: 'create' | 'update'; resource: CalicoResource}>): Promise<Array<CalicoResource | Error>> {
    const results: Array<CalicoResource | Error> = new Array(items.length);
    // A key written twice must see its first write committed first: then chunks go one at a time.
    const seen = new Set<string>();
    let repeats = false;
    for (const it of items) {
      const k = `${it.resource.kind}/${it.resource.metadata.namespace ?? ''}/${it.resource.metadata.name ?? ''}`;
      if (seen.has(k)) repeats = true;
      seen.add(k);
    }
    const limit = repeats ? 1 : WRITE_CONCURRENCY;
    if (items.length >= GRPC_BULK_MIN) this.client.enableBulkMode();
    // Preparing (CPU) overlaps with committing earlier chunks (etcd); chunks respect etcd's limits.
    const inflight: Promise<void>[] = [];
    let chunk: Array<{index: number; prepared: Prepared}> = [];
    let bytes = 0;
    const keys = new Set<string>();
    const flush = async () => {
      if (chunk.length === 0) return;
      const current = chunk;
      chunk = [];
      bytes = 0;
      keys.clear();
      if (inflight.length >= limit) await inflight.shift();
      inflight.push(this.commitChunk(current, results));
    };
    for (let i = 0; i < items.length; i++) {
      let prepared: Prepared;
      try {
        prepared = await this.prepare(items[i].op, items[i].resource);
      } catch (err) {
        results[i] = err as Error;
        continue;
      }
      const size = prepared.value.length * 1.4 + prepared.path.length * 3 + 64;
      if (chunk.length >= MAX_TXN_OPS || bytes + size > MAX_TXN_BYTES || keys.has(prepared.path)) await flush();
      chunk.push({index: i, prepared});
      bytes += size;
      keys.add(prepared.path);
    }
    await flush();
    await Promise.all(inflight);
    return results;
  }

  async writeAtomic(items: ReadonlyArray<{op: 'create' | 'update'; resource: CalicoResource}>): Promise<CalicoResource[]> {
    // Policies may name a tier created by the same transaction.
    for (const it of items) if (it.op === 'create' && it.resource.kind === 'Tier' && it.resource.metadata.name) this.knownTiers.add(it.resource.metadata.name);
    const prepared: Prepared[] = [];
    const failures: Array<{index: number; error: Error}> = [];
    for (let i = 0; i < items.length; i++) {
      try {
        prepared.push(await this.prepare(items[i].op, items[i].resource));
      } catch (err) {
        failures.push({index: i, error: err as Error});
      }
    }
    if (failures.length) throw new AtomicWriteError(failures);
    const paths = new Set(prepared.map((p) => p.path));
    if (paths.size !== prepared.length) {
      const seen = new Set<string>();
      const dup = prepared.findIndex((p) => (seen.has(p.path) ? true : (seen.add(p.path), false)));
      throw new AtomicWriteError([{index: dup, error: new Error(`${prepared[dup].id} appears more than once in the input`)}]);
    }
    let res;
    try {
      res = await this.client.txn(
        prepared.map((p) => p.compare),
        prepared.map((p) => ({put: {key: p.path, value: p.value}})),
        prepared.map((p) => ({range: {key: p.path}})),
      );
    } catch (err) {
      throw new AtomicWriteError([{index: -1, error: transactionLimitError(err as Error, prepared)}]);
    }
    if (res.succeeded) return prepared.map((p) => this.storedResult(p, res.revision));
    const current = prepared.map((_, i) => res.responses[i]?.kvs?.[0]);
    // A resent request whose first attempt was applied finds exactly our values stored.
    if (res.retried && current.every((kv, i) => kv && kv.value === prepared[i].value)) {
      return prepared.map((p, i) => this.storedResult(p, current[i]!.modRevision));
    }
    prepared.forEach((p, i) => {
      const kv = current[i];
      if (p.op === 'create' && kv) failures.push({index: i, error: new ResourceAlreadyExistsError(p.id)});
      else if (p.op === 'update' && !kv) failures.push({index: i, error: new ResourceDoesNotExistError(p.id)});
      else if (p.op === 'update' && kv && kv.modRevision !== p.compare.value) failures.push({index: i, error: new UpdateConflictError(p.id)});
    });
    if (failures.length === 0) failures.push({index: -1, error: new DatastoreError('the transaction failed its checks without a visible cause; retry')});
    throw new AtomicWriteError(failures);
  }

  /** Commits a chunk atomically; if any precondition fails, falls back to one transaction per item. */
  private async commitChunk(chunk: Array<{index: number; prepared: Prepared}>, results: Array<CalicoResource | Error>): Promise<void> {
    if (chunk.length === 1) {
      results[chunk[0].index] = await this.commitOne(chunk[0].prepared).catch((e: Error) => e);
      return;
    }
    let res;
    try {
      res = await this.client.bulkTxn(
        chunk.map((c) => c.prepared.compare),
        chunk.map((c) => ({put: {key: c.prepared.path, value: c.prepared.value}})),
      );
    } catch (err) {
      for (const c of chunk) results[c.index] = err as Error;
      return;
    }
    if (res.succeeded) {
      for (const c of chunk) results[c.index] = this.storedResult(c.prepared, res.revision);
      return;
    }
    // A failed compare after a resent request may be our own first attempt, applied with its reply lost
    // (the gRPC path retries internally without telling: assume it may have).
    for (const c of chunk) results[c.index] = await this.commitOne(c.prepared, res.retried !== false).catch((e: Error) => e);
  }

  private storedResult(p: Prepared, revision: string): CalicoResource {
    return decodeResource(p.kind, p.path, p.value, revision);
  }

  private async commitOne(p: Prepared, mayBeWrittenAlready = false): Promise<CalicoResource> {
    const res = await this.client.txn([p.compare], [{put: {key: p.path, value: p.value}}], [{range: {key: p.path}}]);
    if (res.succeeded) return this.storedResult(p, res.revision);
    const current = res.responses[0]?.kvs?.[0];
    // The value carries a fresh uid/creationTimestamp (create) or our exact new content (update): finding it
    // stored after a resent request means the lost first attempt was applied.
    if ((res.retried || mayBeWrittenAlready) && current && current.value === p.value) return this.storedResult(p, current.modRevision);
    if (p.op === 'create') throw new ResourceAlreadyExistsError(p.id);
    if (!res.responses[0]?.kvs?.length) throw new ResourceDoesNotExistError(p.id);
    throw new UpdateConflictError(p.id);
  }

  /** clientv3's per-kind checks and defaults plus the backend's metadata handling. */
  private async prepare(op: 'create' | 'update', input: CalicoResource): Promise<Prepared> {
    const kind = kindFromManifest(input.kind);
    if (!kind) throw new Error(`unknown resource type (${input.kind}) and/or version (${input.apiVersion})`);
    const id = idOf(input);
    const name = input.metadata.name ?? '';
    if (kind.kind === 'Profile' && name === DEFAULT_ALLOW_PROFILE) {
      if (op === 'create') {
        throw new ResourceAlreadyExistsError(
          DEFAULT_ALLOW_PROFILE,
          `${DEFAULT_ALLOW_PROFILE} already exists. The profile "${DEFAULT_ALLOW_PROFILE}" is default provided by Calico`,
        );
      }
      throw new OperationNotSupportedError('Update', DEFAULT_ALLOW_PROFILE, `The profile "${DEFAULT_ALLOW_PROFILE}" is a default provided by Calico and cannot be updated`);
    }
    const meta = input.metadata;
    // etcd keys are flat strings built from these: a '/' would shift the key's segments. calicoctl does not
    // check namespaces at all; we require what Kubernetes requires of a namespace name.
    if (name.includes('/')) throw new ValidationFailedError([{name: 'Metadata.Name', value: name, reason: "must not contain '/'"}]);
    if (kind.namespaced && meta.namespace && !NAMESPACE_NAME.test(meta.namespace)) {
      throw new ValidationFailedError([{name: 'Metadata.Namespace', value: meta.namespace, reason: 'a namespace must be a DNS label: at most 63 lower case alphanumeric characters or -, starting and ending with an alphanumeric character'}]);
    }
    if (op === 'create') {
      if (meta.resourceVersion) {
        throw new ValidationFailedError([{name: 'Metadata.ResourceVersion', value: meta.resourceVersion, reason: 'field must not be set for a Create request'}]);
      }
      if (!name && kind.kind !== 'WorkloadEndpoint') throw new ValidationFailedError([{name: 'Metadata.Name', value: '', reason: 'field must be set for a Create request'}]);
    } else {
      for (const [field, v] of [
        ['Metadata.ResourceVersion', meta.resourceVersion],
        ['Metadata.CreationTimestamp', meta.creationTimestamp],
        ['Metadata.UID', meta.uid],
      ] as const) {
        if (!v) throw new ValidationFailedError([{name: field, value: '', reason: 'field must be set for an Update request'}]);
      }
      if (!/^\d+$/.test(String(meta.resourceVersion))) throw new ValidationFailedError([{name: 'ResourceVersion', value: meta.resourceVersion}]);
    }
    if (op === 'create' && POLICY_KINDS.has(kind.kind)) await this.requireTier(input.spec?.tier || 'default');

    const res = applyWriteDefaults(input);
    if (kind.kind === 'IPPool') {
      if (op === 'create') defaultAndCheckIPPool(res, undefined, await this.list(kind));
      else {
        const old = (await this.getMany([{kind, name}]))[0];
        defaultAndCheckIPPool(res, old);
      }
    }
    if (this.writeValidator) {
      const invalid = await this.writeValidator(res, input);
      if (invalid) throw invalid;
    }
    if (kind.kind === 'KubeControllersConfiguration' && res.metadata.name !== 'default') {
      throw new ValidationFailedError([
        {name: 'Metadata.Name', value: res.metadata.name, reason: 'Cannot create a Kube Controllers Configuration resource with a name other than "default"'},
      ]);
    }
    const written: CalicoResource = {...res, metadata: {...res.metadata}};
    if (op === 'create') {
      written.metadata.uid = meta.uid || randomUUID();
      written.metadata.creationTimestamp = meta.creationTimestamp || nowTimestamp();
    }
    const finalName = written.metadata.name ?? '';
    const writtenId = idOf(written);
    let path = resourceKeyPath(kind, finalName, written.metadata.namespace);
    if (POLICY_KINDS.has(kind.kind)) {
      written.metadata.annotations = {...(written.metadata.annotations ?? {}), [POLICY_NAME_ANNOTATION]: goJson({name: finalName})};
      const legacy = this.legacyPaths.get(path);
      if (op === 'update' && legacy) {
        // Keep a pre-3.32 policy under its stored key, as 3.30/3.31 would.
        path = legacy;
        written.metadata.name = legacyPolicyName(finalName);
      }
    }
    const value = encodeResource(written);
    const compare: Compare =
      op === 'create' ? {key: path, target: 'VERSION', value: '0'} : {key: path, target: 'MOD', value: String(meta.resourceVersion)};
    return {op, path, value, written, kind, compare, id: kind.kind === 'WorkloadEndpoint' ? writtenId : id};
  }

  private async requireTier(tier: string): Promise<void> {
    if (this.knownTiers.has(tier)) return;
    const tierKind = kindFromManifest('Tier')!;
    const r = await this.client.range(resourceKeyPath(tierKind, tier));
    if (!r.kvs.length) throw new ResourceDoesNotExistError(resourceId('Tier', tier));
    this.knownTiers.add(tier);
  }

  // ------------------------------------------------------------------------------------------------
  // Deletes

  async delete(key: ResourceKey, resourceVersion?: string): Promise<CalicoResource> {
    const kind = key.kind;
    if (kind.kind === 'Profile' && key.name === DEFAULT_ALLOW_PROFILE) {
      throw new OperationNotSupportedError('Delete', DEFAULT_ALLOW_PROFILE, `The profile "${DEFAULT_ALLOW_PROFILE}" is a default provided by Calico and cannot be deleted`);
    }
    if (kind.kind === 'Tier') await this.checkTierDeletable(key.name);
    if (kind.kind === 'IPPool') return this.deleteIPPool(key, resourceVersion);
    if (kind.kind === 'Node') await this.cleanUpNode(key.name);
    return this.deleteKey(key, resourceVersion);
  }

  async deleteMany(items: ReadonlyArray<{key: ResourceKey; resourceVersion?: string}>): Promise<Array<CalicoResource | Error>> {
    const results: Array<CalicoResource | Error> = new Array(items.length);
    const special = (k: ResourceKey) => ['Tier', 'IPPool', 'Node', 'Profile'].includes(k.kind.kind);
    const chunks: number[][] = [];
    let chunk: number[] = [];
    const inChunk = new Set<string>();
    const seen = new Set<string>();
    let repeats = false;
    for (let i = 0; i < items.length; i++) {
      const {key} = items[i];
      if (special(key)) {
        // Their rules (and cascades) need the one-by-one path; keep the order around them.
        if (chunk.length) chunks.push(chunk);
        chunks.push([i]);
        chunk = [];
        inChunk.clear();
        repeats = true;
        continue;
      }
      const path = resourceKeyPath(key.kind, key.name, key.namespace);
      if (seen.has(path)) repeats = true;
      seen.add(path);
      if (chunk.length >= MAX_TXN_OPS || inChunk.has(path)) {
        chunks.push(chunk);
        chunk = [];
        inChunk.clear();
      }
      chunk.push(i);
      inChunk.add(path);
    }
    if (chunk.length) chunks.push(chunk);
    const one = async (i: number) => {
      results[i] = await this.delete(items[i].key, items[i].resourceVersion).catch((e: Error) => e);
    };
    await runLimited(chunks, repeats ? 1 : WRITE_CONCURRENCY, async (indexes) => {
      if (indexes.length === 1) return one(indexes[0]);
      const paths = indexes.map((i) => resourceKeyPath(items[i].key.kind, items[i].key.name, items[i].key.namespace));
      const compares: Compare[] = indexes.map((i, j) =>
        items[i].resourceVersion
          ? {key: paths[j], target: 'MOD', value: String(items[i].resourceVersion)}
          : {key: paths[j], target: 'VERSION', result: 'GREATER', value: '0'},
      );
      const res = await this.client.txn(compares, paths.map((key) => ({del: {key, prevKv: true}})));
      if (res.succeeded) {
        indexes.forEach((i, j) => {
          const prev = res.responses[j]?.prevKvs?.[0];
          results[i] = prev ? decodeResource(items[i].key.kind, prev.key, prev.value, prev.modRevision) : new ResourceDoesNotExistError(idOf(items[i].key));
        });
        return;
      }
      // Some precondition failed (missing key, stale revision, pre-3.32 policy name): exact outcomes one by one.
      for (const i of indexes) await one(i);
    });
    return results;
  }

  private async deleteKey(key: ResourceKey, resourceVersion?: string): Promise<CalicoResource> {
    const primary = resourceKeyPath(key.kind, key.name, key.namespace);
    const path = this.legacyPaths.get(primary) ?? primary;
    try {
      return await this.deletePath(key, path, resourceVersion);
    } catch (err) {
      // Not under its own name: a pre-3.32 default-tier policy may be stored as `default.<name>`.
      const mayBeLegacy = err instanceof ResourceDoesNotExistError && path === primary && POLICY_KINDS.has(key.kind.kind) && !key.name.startsWith('default.');
      if (!mayBeLegacy) throw err;
      await this.getMany([key]);
      const legacy = this.legacyPaths.get(primary);
      if (!legacy) throw err;
      return this.deletePath(key, legacy, resourceVersion);
    }
  }

  private async deletePath(key: ResourceKey, path: string, resourceVersion?: string): Promise<CalicoResource> {
    const compares: Compare[] = resourceVersion ? [{key: path, target: 'MOD', value: resourceVersion}] : [];
    const res = await this.client.txn(compares, [{del: {key: path, prevKv: true}}], [{range: {key: path}}]);
    const id = idOf(key);
    if (!res.succeeded) {
      if (res.responses[0]?.kvs?.length) throw new UpdateConflictError(id);
      throw new ResourceDoesNotExistError(id);
    }
    const prev = res.responses[0]?.prevKvs?.[0];
    if (!prev || !res.responses[0].deleted) throw new ResourceDoesNotExistError(id);
    return decodeResource(key.kind, prev.key, prev.value, prev.modRevision);
  }

  private async checkTierDeletable(name: string): Promise<void> {
    if (BUILTIN_TIERS.some((t) => t.name === name)) {
      throw new OperationNotSupportedError('Delete', name, `Cannot delete ${name} tier`);
    }
    for (const k of ['NetworkPolicy', 'GlobalNetworkPolicy', 'StagedNetworkPolicy', 'StagedGlobalNetworkPolicy']) {
      const policies = await this.list(kindFromManifest(k)!);
      if (policies.some((p) => (p.spec?.tier || 'default') === name)) throw new OperationNotSupportedError('delete', name, 'Cannot delete a non-empty tier');
    }
  }

  /** IPPool delete as clientv3 does it: disable, release the pool's block affinities, delete. */
  private async deleteIPPool(key: ResourceKey, resourceVersion?: string): Promise<CalicoResource> {
    const pool = await this.get(key);
    if (resourceVersion && pool.metadata.resourceVersion !== resourceVersion) throw new UpdateConflictError(idOf(key));
    if (!pool.spec.disabled) {
      await this.update({...pool, spec: {...pool.spec, disabled: true}});
      // Give IPAM users a moment to notice the pool is disabled (clientv3 waits too).
      await new Promise((r) => setTimeout(r, 500));
    }
    const {releasePoolAffinities} = await import('./ipam-affinity.js');
    await releasePoolAffinities(this.raw, String(pool.spec.cidr));
    const deleted = await this.deleteKey(key);
    return {...deleted, spec: pool.spec};
  }

  /** The cascade clientv3 runs before deleting a Node. */
  private async cleanUpNode(node: string): Promise<void> {
    const kinds = (k: string) => kindFromManifest(k)!;
    const deleteQuietly = async (key: ResourceKey) => {
      try {
        await this.deleteKey(key);
      } catch (err) {
        if (!(err instanceof ResourceDoesNotExistError)) throw err;
      }
    };
    const weps = (await this.list(kinds('WorkloadEndpoint'))).filter((w) => w.spec?.node === node);
    // Release the addresses of the node's workloads and its tunnel addresses.
    const addresses: string[] = weps.flatMap((w) => (Array.isArray(w.spec.ipNetworks) ? w.spec.ipNetworks : []).map(String));
    const stored = (await this.getMany([{kind: kinds('Node'), name: node}]))[0];
    const spec = stored?.spec ?? {};
    for (const a of [spec.bgp?.ipv4IPIPTunnelAddr, spec.ipv4VXLANTunnelAddr, spec.wireguard?.interfaceIPv4Address]) if (typeof a === 'string' && a) addresses.push(a);
    if (addresses.length) {
      const {releaseIPs} = await import('../ipam/release.js');
      const result = await releaseIPs(this, addresses.map((a) => ({address: a.replace(/\/\d+$/, '')})));
      if (result.error) throw result.error;
    }
    for (const wep of weps) await deleteQuietly({kind: kinds('WorkloadEndpoint'), name: wep.metadata.name!, namespace: wep.metadata.namespace});
    const {releaseNodeAffinities} = await import('./ipam-affinity.js');
    await releaseNodeAffinities(this.raw, node);
    for (const peer of await this.list(kinds('BGPPeer'))) {
      if (peer.spec?.node === node) await deleteQuietly({kind: kinds('BGPPeer'), name: peer.metadata.name!});
    }
    await deleteQuietly({kind: kinds('FelixConfiguration'), name: `node.${node}`});
    await deleteQuietly({kind: kinds('BGPConfiguration'), name: `node.${node}`});
    for (const hep of await this.list(kinds('HostEndpoint'))) {
      if (hep.spec?.node === node) await deleteQuietly({kind: kinds('HostEndpoint'), name: hep.metadata.name!});
    }
  }
}

/** Raw key access for IPAM, migration and tests. */
class EtcdRawStore implements RawStore {
  constructor(private readonly client: EtcdClient) {}

  async get(key: string): Promise<KeyValue | undefined> {
    const r = await this.client.range(key);
    return r.kvs[0] ? toRawKv(r.kvs[0]) : undefined;
  }

  async list(prefix: string): Promise<KeyValue[]> {
    return (await this.client.rangeAll(prefix)).kvs.map(toRawKv);
  }

  async txn(ops: RawOp[]): Promise<boolean> {
    const compares: Compare[] = [];
    const success: TxnOp[] = [];
    for (const op of ops) {
      if (op.op === 'put') {
        if (op.expectAbsent || op.expectModRevision === '0') compares.push({key: op.key, target: 'VERSION', value: '0'});
        else if (op.expectModRevision) compares.push({key: op.key, target: 'MOD', value: op.expectModRevision});
        success.push({put: {key: op.key, value: op.value}});
      } else {
        if (op.expectModRevision) compares.push({key: op.key, target: 'MOD', value: op.expectModRevision});
        success.push({del: {key: op.key}});
      }
    }
    return (await this.client.txn(compares, success)).succeeded;
  }

  async revision(): Promise<string> {
    return (await this.client.range('/calico/', {keysOnly: true, limit: 1})).revision;
  }
}

/** etcd's answers when one transaction is too big, in words that say what to do. */
function transactionLimitError(err: Error, prepared: Prepared[]): Error {
  if (/too many operations in txn request/.test(err.message)) {
    return new Error(
      `--atomic: the input needs ${prepared.length} operations in one etcd transaction, more than this etcd allows (--max-txn-ops, ${MAX_TXN_OPS} by default): split the input or drop --atomic`,
    );
  }
  if (/request is too large|message larger than max|ResourceExhausted/i.test(err.message)) {
    const bytes = prepared.reduce((n, p) => n + p.value.length + p.path.length, 0);
    return new Error(
      `--atomic: the input (about ${Math.ceil(bytes / 1024)} KiB stored) is larger than one etcd request may be (--max-request-bytes, 1.5 MiB by default): split the input or drop --atomic`,
    );
  }
  return err;
}

/** Runs async work over items with bounded concurrency. */
async function runLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({length: Math.min(limit, items.length)}, async () => {
    while (next < items.length) await fn(items[next++]);
  });
  await Promise.all(workers);
}
