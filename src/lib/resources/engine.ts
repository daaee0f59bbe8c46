// The shared engine of create/apply/replace/delete (calicoctl's ExecuteConfigCommand): namespace rules,
// per-resource actions, error bookkeeping and result counting, with bulk batching for large inputs.
import {resourceId, type CalicoResource} from '../resource.js';
import type {Datastore, ResourceKey} from '../datastore/types.js';
import {
  EtcdUnreachableError,
  OperationNotSupportedError,
  ResourceAlreadyExistsError,
  ResourceDoesNotExistError,
  UpdateConflictError,
} from '../datastore/errors.js';
import {workloadEndpointName} from '../defaults/index.js';
import {log} from '../log.js';
import {kindFromManifest} from '../registry/index.js';
import type {KindDescriptor} from '../registry/types.js';

export type Verb = 'create' | 'apply' | 'replace' | 'delete';

export interface EngineOptions {
  /** -n/--namespace ('' when not given). */
  namespace: string;
  allNamespaces?: boolean;
  skipExists?: boolean;
  skipNotExists?: boolean;
  /** Errors found before any datastore action (validation), by input index. */
  preErrors?: ReadonlyArray<Error | undefined>;
  /** Sleep used between update retries (tests shorten it). */
  sleep?: (ms: number) => Promise<void>;
  /** create/apply --atomic: all resources in one etcd transaction, or none. */
  atomic?: boolean;
}

/** calicoctl's CommandResults. */
export interface CommandResults {
  numResources: number;
  numHandled: number;
  /** The kind if all resources share one, else ''. */
  singleKind: string;
  /** Per-resource errors (create/apply/delete). */
  resErrs: Error[];
  /** "The" error (replace: last one wins). */
  err?: Error;
  /** Results in input order (undefined where failed). */
  results: Array<CalicoResource | undefined>;
}

/** The results of a command before any resource was handled (`singleKind` set when all share one kind). */
export function emptyResults(resources: readonly CalicoResource[]): CommandResults {
  const kinds = new Set(resources.map((r) => r.kind));
  return {
    numResources: resources.length,
    numHandled: 0,
    singleKind: kinds.size === 1 ? resources[0].kind : '',
    resErrs: [],
    results: new Array(resources.length).fill(undefined),
  };
}

const KNP_PREFIX = 'knp.default.';
const K8S_POLICY_REASON = 'kubernetes network policies must be managed through the kubernetes API';
const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The namespace rules of calicoctl's handleNamespace (mutates the resource's namespace). */
export function handleNamespace(resource: CalicoResource, kind: KindDescriptor, cliNs: string, allNs = false): void {
  const resNs = resource.metadata.namespace ?? '';
  if (kind.namespaced) {
    if (allNs && cliNs) throw new Error('cannot use both --namespace and --all-namespaces flags at the same time');
    if (!resNs && cliNs) resource.metadata.namespace = cliNs;
    else if (resNs && allNs) resource.metadata.namespace = '';
    else if (!resNs && allNs) return;
    else if (!resNs && !cliNs) resource.metadata.namespace = 'default';
    else if (resNs && !cliNs) return;
    else if (resNs !== cliNs) throw new Error(`resource namespace does not match client namespace. ${resNs} != ${cliNs}`);
  } else if (resNs) {
    throw new Error(`namespace should not be specified for a non-namespaced resource. ${resource.kind} is not a namespaced resource`);
  } else if (allNs || cliNs) {
    throw new Error(`${resource.kind} is not namespaced`);
  }
}

function keyOf(r: CalicoResource, kind: KindDescriptor): ResourceKey {
  return {kind, name: r.metadata.name ?? '', namespace: kind.namespaced ? r.metadata.namespace : undefined};
}

function idOf(r: CalicoResource): string {
  return resourceId(r.kind, r.metadata.name, r.metadata.namespace || undefined);
}

/** Stored metadata wins except labels and annotations, which come from the input (mergeMetadataForUpdate). */
export function mergeMetadataForUpdate(stored: CalicoResource, input: CalicoResource): CalicoResource {
  const metadata = {...stored.metadata};
  if (input.metadata.labels !== undefined) metadata.labels = input.metadata.labels;
  else delete metadata.labels;
  if (input.metadata.annotations !== undefined) metadata.annotations = input.metadata.annotations;
  else delete metadata.annotations;
  return {...input, metadata};
}

/** Only name, namespace, labels, annotations and resourceVersion of the input survive a create. */
export function prepareMetadataForCreate(r: CalicoResource): CalicoResource {
  const m = r.metadata;
  const metadata: CalicoResource['metadata'] = {};
  if (m.name !== undefined) metadata.name = m.name;
  if (m.namespace) metadata.namespace = m.namespace;
  if (m.resourceVersion) metadata.resourceVersion = m.resourceVersion;
  if (m.labels) metadata.labels = m.labels;
  if (m.annotations) metadata.annotations = m.annotations;
  return {...r, metadata};
}

class ResourceActions {
  private readonly sleep: (ms: number) => Promise<void>;
  constructor(
    private readonly ds: Datastore,
    private readonly opts: EngineOptions,
  ) {
    this.sleep = opts.sleep ?? defaultSleep;
  }

  async create(r: CalicoResource): Promise<CalicoResource> {
    if (r.kind === 'ClusterInformation') throw new OperationNotSupportedError('create or apply', 'ClusterInformation');
    if (r.kind === 'NetworkPolicy' && r.metadata.name?.startsWith(KNP_PREFIX)) {
      throw new OperationNotSupportedError('create or apply', idOf(r), K8S_POLICY_REASON);
    }
    return this.ds.create(prepareMetadataForCreate(r));
  }

  async apply(r: CalicoResource): Promise<CalicoResource> {
    if (r.kind === 'ClusterInformation') throw new OperationNotSupportedError('apply', 'ClusterInformation', 'resource is readonly');
    const originalRV = r.metadata.resourceVersion;
    const attempt = {...r, metadata: {...r.metadata}};
    delete attempt.metadata.resourceVersion;
    try {
      return await this.create(attempt);
    } catch (err) {
      if (!(err instanceof ResourceAlreadyExistsError || err instanceof OperationNotSupportedError)) throw err;
    }
    const metadata = {...r.metadata, resourceVersion: originalRV};
    // clientv3's Create fills in a WorkloadEndpoint's computed name on the caller's object.
    if (r.kind === 'WorkloadEndpoint' && !metadata.name) metadata.name = workloadEndpointName(r.spec ?? {});
    return this.update({...r, metadata}, 'apply');
  }

  async update(r: CalicoResource, verb: 'apply' | 'replace' = 'replace'): Promise<CalicoResource> {
    if (r.kind === 'ClusterInformation' && verb === 'replace') throw new OperationNotSupportedError('apply or replace', 'ClusterInformation');
    const kind = kindFromManifest(r.kind)!;
    const rv = r.metadata.resourceVersion;
    const write = (res: CalicoResource) => {
      if (res.kind === 'NetworkPolicy' && res.metadata.name?.startsWith(KNP_PREFIX)) {
        throw new OperationNotSupportedError('apply or replace', idOf(res), K8S_POLICY_REASON);
      }
      return this.ds.update(res);
    };
    if (rv) {
      const stored = await this.ds.get(keyOf(r, kind));
      if (stored.metadata.resourceVersion !== rv) throw new UpdateConflictError(idOf(stored));
      return write(mergeMetadataForUpdate(stored, r));
    }
    for (let i = 0; i < 5; i++) {
      const stored = await this.ds.get(keyOf(r, kind));
      try {
        return await write(mergeMetadataForUpdate(stored, r));
      } catch (err) {
        if (!(err instanceof UpdateConflictError)) throw err;
        await this.sleep(1000);
      }
    }
    // calicoctl formats a nil error here.
    throw new Error('failed to update the resource: %!s(<nil>)');
  }

  async delete(r: CalicoResource): Promise<CalicoResource> {
    if (r.kind === 'ClusterInformation') throw new OperationNotSupportedError('delete', 'ClusterInformation');
    if (r.kind === 'NetworkPolicy' && r.metadata.name?.startsWith(KNP_PREFIX)) throw new OperationNotSupportedError('delete', idOf(r), K8S_POLICY_REASON);
    const kind = kindFromManifest(r.kind)!;
    if (!r.metadata.name) throw new Error("insufficient identifiers, missing 'name'");
    return this.ds.delete(keyOf(r, kind), r.metadata.resourceVersion || undefined);
  }

  run(verb: Verb, r: CalicoResource): Promise<CalicoResource> {
    switch (verb) {
      case 'create':
        return this.create(r);
      case 'apply':
        return this.apply(r);
      case 'replace':
        return this.update(r);
      case 'delete':
        return this.delete(r);
    }
  }
}

/** Kinds whose writes need datastore reads or ordering beyond a plain key write: never batched. */
const UNBATCHED_KINDS = new Set(['ClusterInformation', 'IPPool', 'Tier', 'WorkloadEndpoint', 'Node', 'KubeControllersConfiguration']);
/** Below this many resources, batching buys nothing. */
const BATCH_THRESHOLD = 8;

/**
 * Runs one verb over all resources in order and counts results the way calicoctl does. Every resource is
 * attempted. Runs of ordinary resources are read, written and deleted in batched etcd
 * transactions; each resource still gets exactly the outcome the one-by-one algorithm would give it.
 */
export async function executeResources(verb: Verb, resources: CalicoResource[], ds: Datastore, opts: EngineOptions): Promise<CommandResults> {
  if (opts.atomic && (verb === 'create' || verb === 'apply')) {
    const {executeAtomic} = await import('./atomic.js');
    return executeAtomic(verb, resources, ds, opts);
  }
  const results = emptyResults(resources);
  const actions = new ResourceActions(ds, opts);
  const outcomes: Array<CalicoResource | Error | undefined> = new Array(resources.length);

  // Per-resource checks that come before any datastore action.
  const ready: boolean[] = resources.map((r, i) => {
    try {
      const kind = kindFromManifest(r.kind);
      if (!kind) throw new Error(`resource type '${r.kind}' is not supported`);
      const invalid = opts.preErrors?.[i];
      if (invalid) throw invalid;
      handleNamespace(r, kind, opts.namespace, opts.allNamespaces);
      return true;
    } catch (err) {
      outcomes[i] = err as Error;
      return false;
    }
  });

  const keyCount = new Map<string, number>();
  for (const r of resources) {
    const k = `${r.kind}/${r.metadata.namespace ?? ''}/${r.metadata.name ?? ''}`;
    keyCount.set(k, (keyCount.get(k) ?? 0) + 1);
  }
  const batchable = (r: CalicoResource, i: number) =>
    ready[i] &&
    resources.length >= BATCH_THRESHOLD &&
    !UNBATCHED_KINDS.has(r.kind) &&
    !!r.metadata.name &&
    !(r.kind === 'Profile' && r.metadata.name === 'projectcalico-default-allow') &&
    !(r.kind === 'NetworkPolicy' && r.metadata.name.startsWith(KNP_PREFIX)) &&
    keyCount.get(`${r.kind}/${r.metadata.namespace ?? ''}/${r.metadata.name}`) === 1;

  let run: number[] = [];
  const flushRun = async () => {
    if (run.length) await executeBatch(verb, run, resources, ds, actions, outcomes);
    run = [];
  };
  for (let i = 0; i < resources.length; i++) {
    if (!ready[i]) continue;
    if (batchable(resources[i], i)) {
      run.push(i);
      continue;
    }
    await flushRun();
    outcomes[i] = await actions.run(verb, resources[i]).catch((e: Error) => e);
  }
  await flushRun();

  for (let i = 0; i < resources.length; i++) {
    let out = outcomes[i];
    // Name the resource: after losing etcd mid-run the user must know exactly what was not written.
    if (out instanceof EtcdUnreachableError) {
      out = new Error(`${idOf(resources[i])} ${out.maybeApplied ? 'may not have been written' : 'not written'}: ${out.message}`);
    }
    if (out instanceof Error) {
      if ((out instanceof ResourceAlreadyExistsError && opts.skipExists) || (out instanceof ResourceDoesNotExistError && opts.skipNotExists)) {
        out = resources[i];
      }
    }
    if (out instanceof Error) {
      if (verb === 'replace') {
        results.err = out;
        results.numHandled++;
      } else results.resErrs.push(out);
      continue;
    }
    results.results[i] = out;
    results.numHandled++;
  }
  return results;
}

/** Batched create/apply/replace/delete of resources[indexes]; falls back to the one-by-one path where needed. */
async function executeBatch(
  verb: Verb,
  indexes: number[],
  resources: CalicoResource[],
  ds: Datastore,
  actions: ResourceActions,
  outcomes: Array<CalicoResource | Error | undefined>,
): Promise<void> {
  const kinds = indexes.map((i) => kindFromManifest(resources[i].kind)!);
  if (verb === 'delete') {
    const deleted = await ds.deleteMany(indexes.map((i, j) => ({key: keyOf(resources[i], kinds[j]), resourceVersion: resources[i].metadata.resourceVersion || undefined})));
    indexes.forEach((i, j) => (outcomes[i] = deleted[j]));
    return;
  }
  if (verb === 'create') {
    const written = await ds.writeMany(indexes.map((i) => ({op: 'create' as const, resource: prepareMetadataForCreate(resources[i])})));
    indexes.forEach((i, j) => (outcomes[i] = written[j]));
    return;
  }
  const readStart = Date.now();
  let stored: Array<CalicoResource | undefined>;
  try {
    stored = await ds.getMany(indexes.map((i, j) => keyOf(resources[i], kinds[j])));
  } catch (err) {
    // As one by one: each resource of the batch fails with the read's error.
    for (const i of indexes) outcomes[i] = err as Error;
    return;
  }
  log.debug(`batch of ${indexes.length}: read in ${Date.now() - readStart} ms`);
  const writes: Array<{op: 'create' | 'update'; resource: CalicoResource}> = [];
  const slots: number[] = [];
  indexes.forEach((i, j) => {
    const r = resources[i];
    const current = stored[j];
    if (!current) {
      if (verb === 'replace') outcomes[i] = new ResourceDoesNotExistError(idOf(r));
      else {
        const attempt = {...r, metadata: {...r.metadata}};
        delete attempt.metadata.resourceVersion;
        writes.push({op: 'create', resource: prepareMetadataForCreate(attempt)});
        slots.push(i);
      }
      return;
    }
    const rv = r.metadata.resourceVersion;
    if (rv && current.metadata.resourceVersion !== rv) {
      outcomes[i] = new UpdateConflictError(idOf(current));
      return;
    }
    writes.push({op: 'update', resource: mergeMetadataForUpdate(current, r)});
    slots.push(i);
  });
  const writeStart = Date.now();
  const written = await ds.writeMany(writes);
  log.debug(`batch of ${indexes.length}: prepared and wrote in ${Date.now() - writeStart} ms`);
  for (let k = 0; k < slots.length; k++) {
    const i = slots[k];
    const out = written[k];
    const raced =
      out instanceof Error &&
      ((writes[k].op === 'create' && out instanceof ResourceAlreadyExistsError) ||
        (writes[k].op === 'update' && !resources[i].metadata.resourceVersion && (out instanceof UpdateConflictError || out instanceof ResourceDoesNotExistError)));
    // Someone changed the key between our read and write: redo this one exactly as calicoctl would.
    outcomes[i] = raced ? await actions.run(verb, resources[i]).catch((e: Error) => e) : out;
  }
}

/** Go's `%v` of an error slice. */
export const formatErrorList = (errs: Error[]): string => `[${errs.map((e) => e.message).join(' ')}]`;
