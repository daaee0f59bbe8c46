// Bridges the validation library into writes. The verdict is the one `validate` gives
// (validateAsWritten: Go decoding, schema, Calico's validator, CRD rules, checked after the client's
// defaults as clientv3 does), so `validate` predicts exactly what create/apply/replace/patch accept.
// Unknown fields abort the whole command while parsing (Go's strict decoding), before anything is written.
import {ValidationFailedError} from '../datastore/errors.js';
import {CliError} from '../errors.js';
import type {FieldPath, ManifestRecord} from '../manifest/types.js';
import type {CalicoResource} from '../resource.js';
import type {FieldError} from '../validation/index.js';

/** Marks a resource that passed validation as read; the check before writing is then skipped. */
export const PREVALIDATED = Symbol('prevalidated');
/** The validation errors found while reading, reported when the resource's turn to be written comes. */
const READ_ERRORS = Symbol('readErrors');

type Marked = Record<symbol, unknown>;

/**
 * Validates every record as read (normalising Go decoding quirks in place, as the validation library
 * does). Throws CliError for the first unknown field in any record, before anything is written. Valid
 * resources are marked PREVALIDATED; the others keep their errors, reported per resource like calicoctl.
 */
export async function prevalidate(records: readonly ManifestRecord[], namespace: string): Promise<void> {
  const {validateAsWritten, UNKNOWN_FIELD} = await import('../validation/index.js');
  for (const r of await validateAsWritten(records, {namespace})) {
    const unknown = r.errors.find((e) => e.message.startsWith(UNKNOWN_FIELD));
    if (unknown) throw new CliError(unknown.message);
    const resource = r.record.resource as Marked;
    if (r.valid) resource[PREVALIDATED] = true;
    else resource[READ_ERRORS] = r.errors;
  }
}

export type WriteValidator = (defaulted: CalicoResource, input: CalicoResource) => Promise<Error | undefined>;

function toError(errors: readonly FieldError[]): Error | undefined {
  if (errors.length === 0) return undefined;
  // Namespace rule failures print as calicoctl's plain sentence, not as a field error.
  if (errors.length === 1 && errors[0].path === 'metadata.namespace' && errors[0].value === undefined) return new Error(errors[0].message);
  return new ValidationFailedError(errors.map((e) => ({name: e.path || 'resource', value: e.value, reason: e.message})));
}

/**
 * A validator for resources about to be written: the errors found while reading, or (for objects built in
 * memory, e.g. by patch and label) the same validateAsWritten verdict on the input.
 */
export async function createWriteValidator(): Promise<WriteValidator> {
  const {validateAsWritten} = await import('../validation/index.js');
  return async (_defaulted, input) => {
    const marked = input as unknown as Marked;
    if (marked[PREVALIDATED]) return undefined;
    const known = marked[READ_ERRORS] as FieldError[] | undefined;
    if (known) return toError(known);
    const record: ManifestRecord = {
      file: '-',
      line: 1,
      kind: input.kind,
      declaredKind: input.kind,
      listItem: false,
      resource: structuredClone(input) as unknown as Record<string, unknown>,
      goStringCoercion: false,
      lineOf: (_path: FieldPath) => 1,
    };
    const [result] = await validateAsWritten([record], {namespace: input.metadata.namespace ?? ''});
    return toError(result.errors);
  };
}
