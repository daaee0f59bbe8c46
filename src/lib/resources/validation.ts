// Bridges the validation library into writes, in clientv3's order: unknown fields abort the whole
// command while parsing (Go's strict decoding), everything else is checked per resource after the
// client defaults were applied (clientv3 defaults, then validates, then writes).
import {ValidationFailedError} from '../datastore/errors.js';
import {CliError} from '../errors.js';
import type {FieldPath, ManifestRecord} from '../manifest/types.js';
import type {CalicoResource} from '../resource.js';

/** Marks a resource that passed validation as read; the check after defaulting is then skipped. */
export const PREVALIDATED = Symbol('prevalidated');

/**
 * Validates every record as read (normalising Go decoding quirks in place, as the validation library
 * does). Throws CliError for the first unknown field in any record, before anything is written. Valid
 * resources are marked PREVALIDATED; the others are validated again after the client defaults, which
 * may complete them (clientv3 defaults before it validates).
 */
export async function prevalidate(records: readonly ManifestRecord[], namespace: string): Promise<void> {
  const {validateResources, UNKNOWN_FIELD} = await import('../validation/index.js');
  for (const r of await validateResources(records, {namespace})) {
    const unknown = r.errors.find((e) => e.message.startsWith(UNKNOWN_FIELD));
    if (unknown) throw new CliError(unknown.message);
    if (r.valid) (r.record.resource as Record<symbol, unknown>)[PREVALIDATED] = true;
  }
}

function hasPath(obj: unknown, path: ReadonlyArray<string | number>): boolean {
  let node: unknown = obj;
  for (const seg of path) {
    if (typeof node !== 'object' || node === null || !(seg in (node as object))) return false;
    node = (node as Record<string | number, unknown>)[seg];
  }
  return true;
}

export type WriteValidator = (defaulted: CalicoResource, input: CalicoResource) => Promise<Error | undefined>;

/**
 * A validator for resources about to be written. Problems in fields the user did not write (values our
 * defaulting filled in, such as FelixConfiguration's always-present `bpfLogLevel: ""`) are not reported.
 */
export async function createWriteValidator(): Promise<WriteValidator> {
  const {validateResources, parseFieldPath} = await import('../validation/index.js');
  return async (defaulted, input) => {
    if ((input as unknown as Record<symbol, unknown>)[PREVALIDATED]) return undefined;
    const record: ManifestRecord = {
      file: '-',
      line: 1,
      kind: defaulted.kind,
      declaredKind: defaulted.kind,
      listItem: false,
      resource: structuredClone(defaulted) as unknown as Record<string, unknown>,
      goStringCoercion: false,
      lineOf: (_path: FieldPath) => 1,
    };
    const [result] = await validateResources([record], {namespace: defaulted.metadata.namespace ?? ''});
    const errors = result.errors.filter((e) => !e.path || hasPath(input, parseFieldPath(e.path)) || e.path === 'metadata.name');
    if (errors.length === 0) return undefined;
    if (errors.length === 1 && errors[0].path === 'metadata.namespace' && errors[0].value === undefined) return new Error(errors[0].message);
    return new ValidationFailedError(errors.map((e) => ({name: e.path || 'resource', value: e.value, reason: e.message})));
  };
}
