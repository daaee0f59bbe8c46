// What completion needs from the rest of the CLI: the kinds (registry) and resource names (datastore).
// Both are loaded only when a completion needs them; names are bounded by a short timeout and any
// problem (no datastore, bad config, unreachable etcd) yields no names rather than a message.
import type {CompletionSources, KindInfo, NamesQuery} from './engine.js';
import type {Surface} from './manifest.js';

/** The longest a TAB may wait for names from the datastore. */
export const NAMES_TIMEOUT_MS = 2000;

export async function registryKinds(): Promise<readonly KindInfo[]> {
  const {ALL_KINDS} = await import('../registry/index.js');
  return ALL_KINDS.map((k) => ({kind: k.kind, aliases: k.aliases}));
}

/**
 * Names of the resources of a kind, sorted, within `timeoutMs`; [] on any error or timeout. Namespaced
 * kinds use calicoctl's rules: `-n` if given, all namespaces with -A, else `default`.
 */
export async function datastoreNames(query: NamesQuery, timeoutMs = NAMES_TIMEOUT_MS): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<string[]>((resolve) => {
    timer = setTimeout(() => resolve([]), timeoutMs);
    timer.unref();
  });
  const work = listNames(query, timeoutMs).catch(() => [] as string[]);
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

async function listNames(query: NamesQuery, timeoutMs: number): Promise<string[]> {
  const {kindFromCli} = await import('../registry/index.js');
  const kind = kindFromCli(query.kind);
  if (!kind) return [];
  // Every etcd request of this process is bounded by the shorter of the user's timeout and ours.
  const {requestTimeoutMs, DEFAULT_CONFIG_PATH} = await import('../config/index.js');
  process.env.CALICOCTL_TIMEOUT = `${Math.min(requestTimeoutMs(), timeoutMs)}ms`;
  const {connectDatastore} = await import('../datastore/index.js');
  const ds = await connectDatastore({configPath: query.configPath ?? DEFAULT_CONFIG_PATH});
  try {
    const namespace = !kind.namespaced || query.allNamespaces ? undefined : query.namespace || 'default';
    const items = await ds.list(kind, namespace);
    return [...new Set(items.map((r) => r.metadata?.name).filter((n): n is string => typeof n === 'string'))].sort();
  } finally {
    await ds.close().catch(() => undefined);
  }
}

export function defaultSources(surface: Surface): CompletionSources {
  return {surface, kinds: registryKinds, names: (q) => datastoreNames(q)};
}
