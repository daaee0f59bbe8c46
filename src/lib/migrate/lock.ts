// The datastore lock of `calicoctl datastore migrate`: ClusterInformation `default` with
// spec.datastoreReady false. Felix and the CNI plugin hold off while it is false.
import type {Datastore} from '../datastore/types.js';
import {CliError, errorMessage} from '../errors.js';
import {ClusterInformationKind} from '../registry/kinds/clusterinformation.js';
import type {CalicoResource} from '../resource.js';

export const LOCK_REQUIRED_FOR_MIGRATION =
  'datastore is not locked. Run the `calicoctl datastore migrate lock` command in order to begin migration';

export async function getClusterInformation(ds: Datastore): Promise<CalicoResource> {
  return ds.get({kind: ClusterInformationKind, name: 'default'});
}

/** common.CheckLocked: true when datastoreReady is explicitly false. */
export async function isLocked(ds: Datastore): Promise<boolean> {
  let ci: CalicoResource;
  try {
    ci = await getClusterInformation(ds);
  } catch (err) {
    throw new CliError(`error while checking if datastore was locked: error retrieving ClusterInformation: ${errorMessage(err)}`);
  }
  return ci.spec?.datastoreReady === false;
}

async function setReady(ds: Datastore, ready: boolean, verb: 'locking' | 'unlocking'): Promise<void> {
  let ci: CalicoResource;
  try {
    ci = await getClusterInformation(ds);
  } catch (err) {
    throw new CliError(`error retrieving ClusterInformation for ${verb}: ${errorMessage(err)}`);
  }
  ci.spec = {...(ci.spec ?? {}), datastoreReady: ready};
  try {
    await ds.update(ci);
  } catch (err) {
    throw new CliError(`error updating ClusterInformation for ${verb}: ${errorMessage(err)}`);
  }
}

export async function lockDatastore(ds: Datastore): Promise<string> {
  try {
    const {ensureInitialized} = await import('../resources/initialize.js');
    await ensureInitialized(ds);
  } catch (err) {
    throw new CliError(`unable to initialize cluster information for the datastore migration: ${errorMessage(err)}`);
  }
  await setReady(ds, false, 'locking');
  return 'Datastore locked.\n';
}

export async function unlockDatastore(ds: Datastore): Promise<string> {
  await setReady(ds, true, 'unlocking');
  return 'Datastore unlocked.\n';
}
