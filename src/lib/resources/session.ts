// The start of every resource command: version-mismatch check first, then (after input is loaded) the
// datastore client, reusing the one the check opened.
import type {Datastore} from '../datastore/types.js';

export interface Session {
  configPath: string;
  ds?: Datastore;
}

/** Runs the version check (errors propagate for the caller to word); keeps the client it opened. */
export async function startSession(flags: Readonly<Record<string, unknown>>): Promise<Session> {
  const configPath = String(flags.config ?? '/etc/calico/calicoctl.cfg');
  const {checkVersionMismatch} = await import('../version-check.js');
  const ds = await checkVersionMismatch({configPath, allowMismatch: !!flags['allow-version-mismatch']});
  return {configPath, ds};
}

/** The client, or calicoctl's `Failed to create Calico API client: ...` (stdout, exit 1). */
export async function sessionDatastore(session: Session): Promise<Datastore> {
  if (!session.ds) {
    const {openDatastore} = await import('../datastore/index.js');
    session.ds = await openDatastore({configPath: session.configPath});
  }
  return session.ds;
}
