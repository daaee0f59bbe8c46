// Runs the validation library over the records read from -f before anything is written, and turns its
// findings into what calicoctl reports: unknown fields abort the whole command (Go's strict decoding
// happens while parsing), other problems become that resource's error (clientv3 validates per write).
import {ValidationFailedError} from '../datastore/errors.js';
import {CliError} from '../errors.js';
import type {ManifestRecord} from '../manifest/types.js';

/** Per-record error (undefined = valid), in input order. Throws CliError for unknown fields. */
export async function validateForWrite(records: readonly ManifestRecord[], namespace: string): Promise<Array<Error | undefined>> {
  const {validateResources, UNKNOWN_FIELD} = await import('../validation/index.js');
  const results = await validateResources(records, {namespace});
  for (const r of results) {
    const unknown = r.errors.find((e) => e.message.startsWith(UNKNOWN_FIELD));
    if (unknown) throw new CliError(unknown.message);
  }
  return results.map((r) => {
    if (r.valid) return undefined;
    const nsProblem = r.errors.length === 1 && r.errors[0].path === 'metadata.namespace' && r.errors[0].value === undefined;
    if (nsProblem) return new Error(r.errors[0].message);
    return new ValidationFailedError(r.errors.map((e) => ({name: e.path || 'resource', value: e.value, reason: e.message})));
  });
}
