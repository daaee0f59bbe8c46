// Opening the datastore for the ipam and datastore-migrate commands the way calicoctl does: the
// version-mismatch check first, then the client; a client error is printed as-is (stderr, exit 1).
import type {Datastore} from '../datastore/types.js';
import {CliError, errorMessage} from '../errors.js';

export interface SessionFlags {
  config?: string;
  'allow-version-mismatch'?: boolean;
}

export async function openSession(flags: SessionFlags, opts: {versionCheck?: boolean} = {}): Promise<Datastore> {
  const configPath = flags.config ?? '/etc/calico/calicoctl.cfg';
  let ds: Datastore | undefined;
  if (opts.versionCheck !== false) {
    const {checkVersionMismatch} = await import('../version-check.js');
    ds = await checkVersionMismatch({configPath, allowMismatch: flags['allow-version-mismatch'] === true});
  }
  if (ds) return ds;
  const {connectDatastore} = await import('../datastore/index.js');
  try {
    return await connectDatastore({configPath});
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(errorMessage(err));
  }
}

/** Runs fn with an open datastore and always closes it; any failure is printed as its plain message. */
export async function withSession<T>(flags: SessionFlags, fn: (ds: Datastore) => Promise<T>, opts: {versionCheck?: boolean} = {}): Promise<T> {
  const ds = await openSession(flags, opts);
  try {
    return await fn(ds);
  } catch (err) {
    throw asCliError(err);
  } finally {
    await ds.close().catch(() => undefined);
  }
}

/** Wraps a datastore failure in a CliError carrying the message as calicoctl prints it. */
export function asCliError(err: unknown, prefix = ''): CliError {
  if (err instanceof CliError) return prefix ? new CliError(prefix + err.message, {exitCode: err.exitCode}) : err;
  return new CliError(prefix + errorMessage(err));
}
