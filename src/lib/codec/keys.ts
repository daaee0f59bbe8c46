// etcd key layout of projectcalico.org/v3 resources (libcalico-go model/resource.go).
import type {KindDescriptor} from '../registry/types.js';

export const RESOURCE_ROOT = '/calico/resources/v3/projectcalico.org/';

export function resourceKeyPath(kind: KindDescriptor, name: string, namespace?: string): string {
  return kind.namespaced ? `${RESOURCE_ROOT}${kind.plural}/${namespace ?? ''}/${name}` : `${RESOURCE_ROOT}${kind.plural}/${name}`;
}

/** Prefix for a list: all namespaces when namespace is undefined/empty. Always ends with `/`. */
export function listPrefix(kind: KindDescriptor, namespace?: string): string {
  return kind.namespaced && namespace ? `${RESOURCE_ROOT}${kind.plural}/${namespace}/` : `${RESOURCE_ROOT}${kind.plural}/`;
}

/** Splits a key of this kind into namespace/name; undefined for keys of the wrong shape (Calico ignores them). */
export function parseResourceKeyPath(kind: KindDescriptor, key: string): {name: string; namespace?: string} | undefined {
  const base = `${RESOURCE_ROOT}${kind.plural}/`;
  if (!key.startsWith(base)) return undefined;
  const parts = key.slice(base.length).split('/');
  const unescape = (s: string) => s.replace(/%2f/gi, '/').replace(/%25/g, '%');
  if (kind.namespaced) return parts.length === 2 && parts[0] && parts[1] ? {namespace: unescape(parts[0]), name: unescape(parts[1])} : undefined;
  return parts.length === 1 && parts[0] ? {name: unescape(parts[0])} : undefined;
}
