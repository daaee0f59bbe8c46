import type {CalicoResource} from '../resource.js';

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
  /** `get` table columns (ps, wide, custom-columns); absent = NAME only. */
  readonly columns?: KindColumns;
  /** Order of `get` list output when it is not the datastore's key order (Tier: by spec.order). */
  readonly compareListItems?: (a: CalicoResource, b: CalicoResource) => number;
}

/** What a table cell may need beyond its resource: the cluster AS number (Node ASN column). */
export interface ColumnContext {
  /** BGPConfiguration `default` spec.asNumber, `64512` when unset/absent, `unknown` on read errors. */
  globalAsNumber(): string;
}

/** Renders one table cell the way calicoctl's column template does. */
export type ColumnValue = (resource: CalicoResource, ctx: ColumnContext) => string;

export interface KindColumns {
  /** Headings of `-o ps`. */
  readonly ps: readonly string[];
  /** Headings of `-o wide`. */
  readonly wide: readonly string[];
  /** Every heading valid in custom-columns (including NAMESPACE for namespaced kinds), with its cell. */
  readonly values: Readonly<Record<string, ColumnValue>>;
}

export const API_VERSION = 'projectcalico.org/v3';
export const API_GROUP = 'projectcalico.org';

/** Builds a descriptor, deriving the list kind from the kind. */
export function defineKind(d: Omit<KindDescriptor, 'listKind'>): KindDescriptor {
  return Object.freeze({...d, listKind: `${d.kind}List`});
}
