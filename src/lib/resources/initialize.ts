// clientv3 EnsureInitialized("", ""): ClusterInformation `default` (new GUID, datastoreReady true) and
// the built-in tiers, created when missing. calicoctl 3.32 runs it before create/apply/replace and
// `datastore migrate lock`, ignoring failures.
import {randomUUID} from 'node:crypto';
import {BUILTIN_TIERS} from '../defaults/index.js';
import {ResourceAlreadyExistsError} from '../datastore/errors.js';
import type {Datastore} from '../datastore/types.js';
import {log} from '../log.js';
import {kindFromManifest} from '../registry/index.js';
import type {CalicoResource} from '../resource.js';

const API_VERSION = 'projectcalico.org/v3';

/** Creates what is missing; throws on datastore errors (callers decide whether to tolerate them). */
export async function ensureInitialized(ds: Datastore): Promise<void> {
  const ciKind = kindFromManifest('ClusterInformation')!;
  const tierKind = kindFromManifest('Tier')!;
  const [ci, ...tiers] = await ds.getMany([{kind: ciKind, name: 'default'}, ...BUILTIN_TIERS.map((t) => ({kind: tierKind, name: t.name}))]);
  const writes: Array<{op: 'create' | 'update'; resource: CalicoResource}> = [];
  if (!ci) {
    writes.push({
      op: 'create',
      resource: {apiVersion: API_VERSION, kind: 'ClusterInformation', metadata: {name: 'default'}, spec: {clusterGUID: newClusterGUID(), datastoreReady: true}},
    });
  } else if (!ci.spec?.clusterGUID || ci.spec?.datastoreReady === undefined || ci.spec?.datastoreReady === null) {
    // An explicit datastoreReady: false (a locked datastore) is left alone.
    const spec = {...ci.spec};
    if (!spec.clusterGUID) spec.clusterGUID = newClusterGUID();
    if (spec.datastoreReady === undefined || spec.datastoreReady === null) spec.datastoreReady = true;
    writes.push({op: 'update', resource: {...ci, spec}});
  }
  BUILTIN_TIERS.forEach((t, i) => {
    if (!tiers[i]) {
      writes.push({op: 'create', resource: {apiVersion: API_VERSION, kind: 'Tier', metadata: {name: t.name}, spec: {order: t.order, defaultAction: t.defaultAction}}});
    }
  });
  if (writes.length === 0) return;
  const results = await ds.writeMany(writes);
  for (const r of results) if (r instanceof Error && !(r instanceof ResourceAlreadyExistsError)) throw r;
}

/** Best effort, as calicoctl: failures are logged at info level and otherwise ignored. */
export async function tryEnsureInitialized(ds: Datastore): Promise<void> {
  try {
    await ensureInitialized(ds);
  } catch (err) {
    log.info(`Unable to initialize datastore: ${(err as Error).message}`);
  }
}

/** 32 lower-case hex characters (a random UUID without dashes), like calico's cluster GUIDs. */
export function newClusterGUID(): string {
  return randomUUID().replace(/-/g, '');
}
