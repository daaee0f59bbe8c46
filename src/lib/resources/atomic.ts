// create/apply --atomic: every resource of the input in one etcd transaction, or none. The same per-resource
// rules as the one-by-one path decide each write; any failure (a check, a conflict, etcd's transaction
// limits) means nothing is written and the failures are reported.
import {AtomicWriteError, EtcdUnreachableError, OperationNotSupportedError, ResourceAlreadyExistsError, UpdateConflictError} from '../datastore/errors.js';
import type {Datastore, ResourceKey} from '../datastore/types.js';
import {workloadEndpointName} from '../defaults/index.js';
import {kindFromManifest} from '../registry/index.js';
import type {KindDescriptor} from '../registry/types.js';
import {resourceId, type CalicoResource} from '../resource.js';
import {emptyResults, handleNamespace, mergeMetadataForUpdate, prepareMetadataForCreate, type CommandResults, type EngineOptions} from './engine.js';

const KNP_PREFIX = 'knp.default.';

function idOf(r: CalicoResource): string {
  return resourceId(r.kind, r.metadata.name, r.metadata.namespace || undefined);
}

export async function executeAtomic(verb: 'create' | 'apply', resources: CalicoResource[], ds: Datastore, opts: EngineOptions): Promise<CommandResults> {
  const results = emptyResults(resources);
  const nothingWritten = (errors: Error[]): CommandResults => ({...results, results: new Array(resources.length).fill(undefined), resErrs: errors});
  if (!ds.writeAtomic) return nothingWritten([new Error('--atomic is not supported by this datastore')]);

  // The checks the one-by-one path makes before touching the datastore.
  const errors: Error[] = [];
  const kinds: KindDescriptor[] = [];
  resources.forEach((r, i) => {
    try {
      const kind = kindFromManifest(r.kind);
      if (!kind) throw new Error(`resource type '${r.kind}' is not supported`);
      const invalid = opts.preErrors?.[i];
      if (invalid) throw invalid;
      handleNamespace(r, kind, opts.namespace, opts.allNamespaces);
      if (r.kind === 'ClusterInformation') {
        throw verb === 'apply'
          ? new OperationNotSupportedError('apply', 'ClusterInformation', 'resource is readonly')
          : new OperationNotSupportedError('create or apply', 'ClusterInformation');
      }
      if (r.kind === 'NetworkPolicy' && r.metadata.name?.startsWith(KNP_PREFIX)) {
        throw new OperationNotSupportedError('create or apply', idOf(r), 'kubernetes network policies must be managed through the kubernetes API');
      }
      if (r.kind === 'WorkloadEndpoint' && !r.metadata.name) r.metadata = {...r.metadata, name: workloadEndpointName(r.spec ?? {})};
      kinds[i] = kind;
    } catch (err) {
      errors.push(err as Error);
    }
  });
  if (errors.length) return nothingWritten(errors);

  const keys: ResourceKey[] = resources.map((r, i) => ({kind: kinds[i], name: r.metadata.name ?? '', namespace: kinds[i].namespaced ? r.metadata.namespace : undefined}));
  let stored: Array<CalicoResource | undefined>;
  try {
    stored = await ds.getMany(keys);
  } catch (err) {
    return nothingWritten([notWritten(err as Error)]);
  }
  const writes: Array<{op: 'create' | 'update'; resource: CalicoResource}> = [];
  const slots: number[] = [];
  resources.forEach((r, i) => {
    const current = stored[i];
    if (verb === 'create') {
      if (current && opts.skipExists) {
        results.results[i] = r;
        return;
      }
      if (current) errors.push(new ResourceAlreadyExistsError(idOf(r)));
      else {
        writes.push({op: 'create', resource: prepareMetadataForCreate(r)});
        slots.push(i);
      }
      return;
    }
    if (!current) {
      const attempt = {...r, metadata: {...r.metadata}};
      delete attempt.metadata.resourceVersion;
      writes.push({op: 'create', resource: prepareMetadataForCreate(attempt)});
    } else if (r.metadata.resourceVersion && r.metadata.resourceVersion !== current.metadata.resourceVersion) {
      errors.push(new UpdateConflictError(idOf(current)));
      return;
    } else writes.push({op: 'update', resource: mergeMetadataForUpdate(current, r)});
    slots.push(i);
  });
  if (errors.length) return nothingWritten(errors);

  if (writes.length) {
    try {
      const written = await ds.writeAtomic(writes);
      slots.forEach((i, k) => (results.results[i] = written[k]));
    } catch (err) {
      if (err instanceof AtomicWriteError) return nothingWritten(err.failures.map((f) => f.error));
      return nothingWritten([notWritten(err as Error)]);
    }
  }
  results.numHandled = resources.length;
  return results;
}

/** A connection failure during the one transaction: say plainly whether it may have been applied. */
function notWritten(err: Error): Error {
  if (err instanceof EtcdUnreachableError) {
    return new Error(err.maybeApplied ? `the transaction's outcome is unknown (check with get): ${err.message}` : `nothing written: ${err.message}`);
  }
  return err;
}
