// clientv3 EnsureInitialized("", "") as `datastore migrate lock` needs it: ClusterInformation `default`
// (new GUID, datastoreReady true unless already set) and the built-in tiers.
import {randomBytes} from 'node:crypto';
import type {Datastore} from '../datastore/types.js';
import {ClusterInformationKind} from '../registry/kinds/clusterinformation.js';
import {TierKind} from '../registry/kinds/tier.js';
import {API_VERSION} from '../registry/types.js';

const BUILT_IN_TIERS = [
  {name: 'default', order: 1000000, defaultAction: 'Deny'},
  {name: 'kube-admin', order: 1000, defaultAction: 'Pass'},
  {name: 'kube-baseline', order: 10000000, defaultAction: 'Pass'},
];

const isAlreadyExists = (err: unknown) => err instanceof Error && err.message.startsWith('resource already exists');
const isNotFound = (err: unknown) => err instanceof Error && err.message.startsWith('resource does not exist');

export async function ensureClusterInitialized(ds: Datastore): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    let ci;
    try {
      ci = await ds.get({kind: ClusterInformationKind, name: 'default'});
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    try {
      if (!ci) {
        await ds.create({
          apiVersion: API_VERSION,
          kind: 'ClusterInformation',
          metadata: {name: 'default'},
          spec: {clusterGUID: randomBytes(16).toString('hex'), datastoreReady: true},
        });
      } else if (!ci.spec?.clusterGUID || ci.spec?.datastoreReady === undefined) {
        ci.spec = {...(ci.spec ?? {})};
        if (!ci.spec.clusterGUID) ci.spec.clusterGUID = randomBytes(16).toString('hex');
        if (ci.spec.datastoreReady === undefined) ci.spec.datastoreReady = true;
        await ds.update(ci);
      }
      break;
    } catch (err) {
      if (attempt === 4 || !(isAlreadyExists(err) || (err instanceof Error && err.message.startsWith('update conflict')))) throw err;
    }
  }
  for (const t of BUILT_IN_TIERS) {
    try {
      await ds.create({apiVersion: API_VERSION, kind: TierKind.kind, metadata: {name: t.name}, spec: {order: t.order, defaultAction: t.defaultAction}});
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
    }
  }
}
