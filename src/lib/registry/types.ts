/** What every generic command needs to know about one Calico v3 resource kind. */
export interface KindDescriptor {
  /** CamelCase kind as it appears in manifests, e.g. `IPPool`. */
  readonly kind: string;
  /** `<Kind>List`. */
  readonly listKind: string;
  /** Lower-case plural used as the etcd path segment, e.g. `ippools`. */
  readonly plural: string;
  /** Namespaced kinds live under `<plural>/<namespace>/<name>` in etcd. */
  readonly namespaced: boolean;
  /** Names accepted on the command line (matched case-insensitively), exactly calicoctl's set. */
  readonly aliases: readonly string[];
}

export const API_VERSION = 'projectcalico.org/v3';
export const API_GROUP = 'projectcalico.org';

/** Builds a descriptor, deriving the list kind from the kind. */
export function defineKind(d: Omit<KindDescriptor, 'listKind'>): KindDescriptor {
  return Object.freeze({...d, listKind: `${d.kind}List`});
}
