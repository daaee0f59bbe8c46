// Entry point of the datastore layer. Placeholder: the etcd implementation lands with the datastore work.
import {CliError} from '../errors.js';
import type {Datastore} from './types.js';

export type {Datastore, ResourceKey, RawStore, KeyValue, RawOp} from './types.js';

export interface OpenOptions {
  /** -c/--config path (default /etc/calico/calicoctl.cfg). */
  configPath: string;
}

/** Loads the client configuration (file or environment) and connects to etcd. */
export async function openDatastore(_opts: OpenOptions): Promise<Datastore> {
  throw new CliError('Failed to create Calico API client: the etcd datastore is not implemented yet', {stream: 'stdout'});
}
