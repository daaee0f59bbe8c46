// calicoctl's client/cluster version-mismatch check (v3.20+), run first by resource, ipam and
// datastore-migrate commands. Skipped with --allow-version-mismatch, when no client can be built,
// when ClusterInformation `default` is absent, or when its calicoVersion is empty.
import {CliError, errorMessage} from './errors.js';
import type {Datastore} from './datastore/types.js';
import {CLIENT_VERSION} from './version.js';

const majorMinorPatch = (v: string) => v.replace(/^v/, '').split('-')[0];

/** The mismatch error text for a cluster version, or undefined when the versions agree. */
export function versionMismatchMessage(clusterVersion: string, clientVersion = CLIENT_VERSION): string | undefined {
  if (!clusterVersion) return undefined;
  const cluster = majorMinorPatch(clusterVersion);
  if (cluster === majorMinorPatch(clientVersion)) return undefined;
  return `version mismatch.\nClient Version:   ${clientVersion}\nCluster Version:  ${cluster}\nUse --allow-version-mismatch to override`;
}

export interface VersionCheckOptions {
  configPath: string;
  allowMismatch: boolean;
  /** An already-open datastore to reuse (avoids building a second client). */
  datastore?: Datastore;
}

/**
 * Runs the check. Throws CliError with calicoctl's text on mismatch (callers that prefix messages,
 * like get, catch it and re-wrap). Resolves to the datastore it opened (or was given), if any, so the
 * command can reuse the same client.
 */
export async function checkVersionMismatch(opts: VersionCheckOptions): Promise<Datastore | undefined> {
  if (opts.allowMismatch) return opts.datastore;
  let ds = opts.datastore;
  if (!ds) {
    const {connectDatastore} = await import('./datastore/index.js');
    try {
      ds = await connectDatastore({configPath: opts.configPath});
    } catch (err) {
      if (err instanceof CliError) throw err; // `Error reading config file: <path>` ends the command here
      return undefined; // no client: the command itself reports it
    }
  }
  const {kindFromManifest} = await import('./registry/index.js');
  const {ResourceDoesNotExistError} = await import('./datastore/errors.js');
  let calicoVersion = '';
  try {
    const ci = await ds.get({kind: kindFromManifest('ClusterInformation')!, name: 'default'});
    calicoVersion = String(ci.spec?.calicoVersion ?? '');
  } catch (err) {
    if (err instanceof ResourceDoesNotExistError) return ds;
    throw new CliError(`unable to get Cluster Information to verify version mismatch: ${errorMessage(err)}\nUse --allow-version-mismatch to override`);
  }
  const msg = versionMismatchMessage(calicoVersion);
  if (msg) throw new CliError(msg);
  return ds;
}
