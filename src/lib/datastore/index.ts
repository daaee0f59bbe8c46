// Entry point of the datastore layer: loads the client configuration and connects to etcd.
// Nothing here is imported by light commands at start-up; callers `await import()` this module.
import {CliError, errorMessage} from '../errors.js';
import type {Datastore} from './types.js';

export type {Datastore, ResourceKey, RawStore, KeyValue, RawOp} from './types.js';

export interface OpenOptions {
  /** -c/--config path (default /etc/calico/calicoctl.cfg). */
  configPath: string;
}

/**
 * Loads the client configuration (file or environment) and builds the etcd client. Connecting is lazy
 * (as in calicoctl): an unreachable etcd shows up on the first request, within the request timeout.
 * Throws calicoctl's `Error reading config file: <path>` (stdout) for a missing explicit config file, and
 * a plain Error for any other configuration problem (see createDatastoreOrExit for calicoctl's wording).
 */
export async function connectDatastore(opts: OpenOptions): Promise<Datastore> {
  const {loadClientConfig, requestTimeoutMs} = await import('../config/index.js');
  const spec = await loadClientConfig(opts.configPath);
  const {createEtcdClient} = await import('./etcd-client.js');
  const client = await createEtcdClient(spec, requestTimeoutMs());
  const {EtcdDatastore} = await import('./etcd.js');
  return new EtcdDatastore(client);
}

/** Like connectDatastore, but a configuration problem ends the command as calicoctl does (stdout, exit 1). */
export async function openDatastore(opts: OpenOptions): Promise<Datastore> {
  try {
    return await connectDatastore(opts);
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`Failed to create Calico API client: ${errorMessage(err)}`, {stream: 'stdout'});
  }
}
