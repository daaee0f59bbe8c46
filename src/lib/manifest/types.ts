// What manifest reading produces: one record per resource, in input order, with its origin.

/** A field path from the resource root: keys and array indexes, e.g. ['spec', 'ingress', 0, 'action']. */
export type FieldPath = ReadonlyArray<string | number>;

export interface ManifestRecord {
  /** The path as walked (`dir/a.yaml`), or `-` for stdin. */
  readonly file: string;
  /** 1-based line where the resource starts. */
  readonly line: number;
  /** Kind the resource is decoded and validated as (a `<Kind>List` item has the list's element kind). */
  readonly kind: string;
  /** Kind as written in the document ('' for a list item without `kind`); calicoctl's summaries use it. */
  readonly declaredKind: string;
  /** The decoded resource. Validation normalises it in place (Go decoding quirks, namespace default). */
  resource: Record<string, unknown>;
  /** An item of a `<Kind>List` (calicoctl ignores an item's own apiVersion/kind). */
  readonly listItem: boolean;
  /** Whether sigs.k8s.io/yaml would turn numbers/booleans into strings for string fields (typed target). */
  readonly goStringCoercion: boolean;
  /** Best line for a field path (the nearest ancestor that has one; the resource line at worst). */
  lineOf(path: FieldPath): number;
}
