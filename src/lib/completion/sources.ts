// What completion needs from the rest of the CLI: the kinds (registry) and resource names (datastore).
// Both are loaded only when a completion needs them; datastore lookups are bounded by a short timeout
// and any problem (no datastore, bad config, unreachable etcd) yields nothing rather than a message.
import type {Datastore} from '../datastore/types.js';
import type {CompletionSources, KindInfo, NamesQuery, NamespacesQuery} from './engine.js';
import type {Surface} from './manifest.js';

/** The longest a TAB may wait for the datastore. */
export const LOOKUP_TIMEOUT_MS = 2000;

export async function registryKinds(): Promise<readonly KindInfo[]> {
  const {ALL_KINDS} = await import('../registry/index.js');
  return ALL_KINDS.map((k) => ({kind: k.kind, aliases: k.aliases}));
}

/** Runs `lookup` against the configured datastore; [] on any error or when `timeoutMs` has passed. */
async function fromDatastore(configPath: string | undefined, timeoutMs: number, lookup: (ds: Datastore) => Promise<string[]>): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<string[]>((resolve) => {
    timer = setTimeout(() => resolve([]), timeoutMs);
    timer.unref();
  });
  const work = (async () => {
    // Every etcd request of this process is bounded by the shorter of the user's timeout and ours.
    const {requestTimeoutMs, DEFAULT_CONFIG_PATH} = await import('../config/index.js');
    process.env.CALICOCTL_TIMEOUT = `${Math.min(requestTimeoutMs(), timeoutMs)}ms`;
    const {connectDatastore} = await import('../datastore/index.js');
    const ds = await connectDatastore({configPath: configPath ?? DEFAULT_CONFIG_PATH});
    try {
      return await lookup(ds);
    } finally {
      await ds.close().catch(() => undefined);
    }
  })().catch(() => [] as string[]);
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

const sortedUnique = (values: Array<string | undefined>) => [...new Set(values.filter((v): v is string => typeof v === 'string' && v !== ''))].sort();

/**
 * Names of the resources of a kind, sorted. Namespaced kinds use calicoctl's rules: `-n` if given, all
 * namespaces with -A, else `default`.
 */
export async function datastoreNames(query: NamesQuery, timeoutMs = LOOKUP_TIMEOUT_MS): Promise<string[]> {
  const {kindFromCli} = await import('../registry/index.js');
  const kind = kindFromCli(query.kind);
  if (!kind) return [];
  return fromDatastore(query.configPath, timeoutMs, async (ds) => {
    const namespace = !kind.namespaced || query.allNamespaces ? undefined : query.namespace || 'default';
    return sortedUnique((await ds.list(kind, namespace)).map((r) => r.metadata?.name));
  });
}

/** Namespaces that hold resources of the kind (of any namespaced kind when none is given), sorted. */
export async function datastoreNamespaces(query: NamespacesQuery, timeoutMs = LOOKUP_TIMEOUT_MS): Promise<string[]> {
  const {ALL_KINDS, kindFromCli} = await import('../registry/index.js');
  const typed = query.kind === undefined ? undefined : kindFromCli(query.kind);
  const kinds = typed ? [typed] : ALL_KINDS;
  const namespaced = kinds.filter((k) => k.namespaced);
  if (!namespaced.length) return [];
  return fromDatastore(query.configPath, timeoutMs, async (ds) => {
    const lists = await Promise.all(namespaced.map((k) => ds.list(k)));
    return sortedUnique(lists.flat().map((r) => r.metadata?.namespace));
  });
}

export function defaultSources(surface: Surface): CompletionSources {
  return {surface, kinds: registryKinds, names: (q) => datastoreNames(q), namespaces: (q) => datastoreNamespaces(q)};
}
