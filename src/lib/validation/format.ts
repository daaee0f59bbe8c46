// How validation results are reported: calicoctl's error text per resource (libcalico's ErrorValidation
// shape, `error with field <f> = '<v>' (<reason>)`), prefixed with where the problem is; and the stable
// `-o json` record shape for CI.
import {resultId, type FieldError, type ValidationResult} from './index.js';

function goValue(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** One field the way libcalico's ErroredField prints it. */
export function formatField(e: FieldError): string {
  let text = e.path || 'resource';
  if (e.value !== undefined) text += ` = '${goValue(e.value)}'`;
  if (e.message) text += ` (${e.message})`;
  return text;
}

/**
 * The error text for one invalid resource: `<file>:<line>: <Kind>(<name>): error with field ...`, or for
 * several problems `... error with the following fields:` and one `-  <field> (line N)` line each.
 */
export function formatResourceError(r: ValidationResult): string {
  if (r.errors.length === 1) {
    const e = r.errors[0];
    const body = e.path === 'metadata.namespace' && !('value' in e) && !e.message.startsWith('field') ? e.message : `error with field ${formatField(e)}`;
    return `${r.file}:${e.line}: ${resultId(r)}: ${body}`;
  }
  const lines = r.errors.map((e) => `-  ${formatField(e)} (line ${e.line})\n`);
  return `${r.file}:${r.line}: ${resultId(r)}: error with the following fields:\n${lines.join('')}`;
}

/** The `-o json` record of one resource (documented in docs/validation.md; keep the shape stable). */
export interface ValidationRecordJson {
  file: string;
  line: number;
  kind: string;
  name: string;
  namespace: string | null;
  valid: boolean;
  errors: Array<{path: string; line: number; message: string}>;
}

export function toJsonRecord(r: ValidationResult): ValidationRecordJson {
  return {
    file: r.file,
    line: r.line,
    kind: r.kind,
    name: r.name,
    namespace: r.namespace ?? null,
    valid: r.valid,
    errors: r.errors.map((e) => ({path: e.path, line: e.line, message: e.value !== undefined ? `${e.message} (value: ${goValue(e.value)})` : e.message})),
  };
}

/** calicoctl's summary lines for `validate` (same rules as create: counts, single kind, partial success). */
export function summarize(results: readonly ValidationResult[]): {stdout: string; stderr: string; exitCode: number} {
  const kinds = new Set(results.map((r) => r.record.declaredKind));
  const kind = kinds.size === 1 ? [...kinds][0] : '';
  const failed = results.filter((r) => !r.valid);
  const handled = results.length - failed.length;
  const errorList = `[${failed.map(formatResourceError).join(' ')}]`;
  if (failed.length === 0) {
    return {stdout: kind ? `Successfully validated ${handled} '${kind}' resource(s)\n` : `Successfully validated ${handled} resource(s)\n`, stderr: '', exitCode: 0};
  }
  if (handled === 0) {
    let msg: string;
    if (results.length === 1) msg = `failed to validate '${kind}' resource: ${errorList}`;
    else if (kind) msg = `failed to validate any '${kind}' resources: ${errorList}`;
    else msg = `failed to validate any resources: ${errorList}`;
    return {stdout: '', stderr: msg + '\n', exitCode: 1};
  }
  let stdout = '';
  // calicoctl compares successes with failures before printing the partial-success line (a quirk kept).
  if (handled - failed.length > 0) {
    stdout = kind
      ? `Partial success: validated the first ${handled} out of ${results.length} '${kind}' resources:\n`
      : `Partial success: validated the first ${handled} out of ${results.length} resources:\n`;
  }
  return {stdout, stderr: `hit error(s): ${errorList}\n`, exitCode: 1};
}
