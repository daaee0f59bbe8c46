// JSON Schema stage: runs the validators precompiled at build time (dist/generated/validators.js, one
// export per kind) after reproducing the Go decoding quirks that change verdicts, and turns ajv errors
// into issues with a field path and a clear message.
import {readdirSync, readFileSync} from 'node:fs';
import type {FieldPath} from '../manifest/types.js';

interface AjvError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, any>;
  message?: string;
}

export type KindValidator = ((data: unknown) => boolean) & {errors?: AjvError[] | null};

/** A schema problem, with the path as a list of keys/indexes. */
export interface SchemaIssue {
  path: FieldPath;
  message: string;
  value?: unknown;
}

const validators = new Map<string, Promise<KindValidator | undefined>>();
let allValidators: Promise<Record<string, KindValidator>> | undefined;

/**
 * The validator precompiled at build time for a kind: its own module (dist/generated/validators/<Kind>.js)
 * so only the kinds present are loaded, else the all-kinds module; undefined when the build has none
 * for the kind (then its schema passes, so work can proceed while schemas are being written).
 */
export function loadValidator(kind: string): Promise<KindValidator | undefined> {
  let v = validators.get(kind);
  if (!v) {
    v = import(new URL(`../../generated/validators/${kind}.js`, import.meta.url).href).then(
      (m) => (m as Record<string, KindValidator>)[kind],
      () => {
        allValidators ??= import(new URL('../../generated/validators.js', import.meta.url).href).then(
          (m) => m as Record<string, KindValidator>,
          () => ({}),
        );
        return allValidators.then((all) => all[kind]);
      },
    );
    validators.set(kind, v);
  }
  return v;
}

export const UNKNOWN_FIELD = 'field in document is not recognized or is in the wrong location';

function pointerToPath(pointer: string): Array<string | number> {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s));
}

function valueAt(root: unknown, path: FieldPath): unknown {
  let node = root;
  for (const seg of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[seg as string];
  }
  return node;
}

/** Go's zero value for a JSON Schema type (what a JSON null decodes to inside a list). */
function zeroValue(type: string): unknown {
  switch (type) {
    case 'string':
      return '';
    case 'integer':
    case 'number':
      return 0;
    case 'boolean':
      return false;
    case 'array':
      return [];
    default:
      return {};
  }
}

/**
 * Go's formatting of a YAML number put into a string field: integers in decimal, floats as the shortest
 * text that round-trips a float32 (strconv.FormatFloat(f, 'g', -1, 32)).
 */
function goNumberString(n: number): string {
  if (Number.isInteger(n)) return String(n);
  const single = Math.fround(n);
  for (let digits = 1; digits < 10; digits++) {
    const text = single.toPrecision(digits);
    if (Math.fround(Number(text)) === single) return String(Number(text));
  }
  return String(single);
}

let knownFieldNames: Map<string, string[]> | undefined;

/** Every property name any schema declares, by lower-case form (read from schemas/ only when needed). */
function fieldNamesByFoldedName(): Map<string, string[]> {
  if (knownFieldNames) return knownFieldNames;
  knownFieldNames = new Map();
  const collect = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(collect);
    else if (typeof node === 'object' && node !== null) {
      for (const [k, v] of Object.entries(node)) {
        if (k === 'properties' && typeof v === 'object' && v !== null) {
          for (const name of Object.keys(v)) {
            const folded = name.toLowerCase();
            const list = knownFieldNames!.get(folded) ?? [];
            if (!list.includes(name)) list.push(name);
            knownFieldNames!.set(folded, list);
          }
        }
        collect(v);
      }
    }
  };
  try {
    const dir = new URL('../../../schemas/', import.meta.url);
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) collect(JSON.parse(readFileSync(new URL(f, dir), 'utf8')));
  } catch {
    /* without the schema sources, field names simply are not case-folded */
  }
  return knownFieldNames;
}

/**
 * Rewrites the document the way Go's decoder would have seen it, guided by the schema errors:
 * JSON null leaves a field at its zero value; numbers/booleans given for string fields become strings
 * (sigs.k8s.io/yaml with a typed target); field names match case-insensitively (encoding/json).
 * Returns whether anything changed, so the caller validates again.
 */
function applyGoDecoding(
  resource: Record<string, unknown>,
  errors: AjvError[],
  coerceStrings: boolean,
  tried: Set<string>,
  renames: Map<string, string>,
): boolean {
  let changed = false;
  // Values where an anyOf/oneOf failed are int-or-string style fields (Go types with their own JSON
  // decoding), which sigs.k8s.io/yaml never turns into strings.
  const unions = new Set(errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.instancePath));
  for (const e of errors) {
    const path = pointerToPath(e.instancePath);
    const parentPath = path.slice(0, -1);
    const last = path[path.length - 1];
    const parent = valueAt(resource, parentPath) as Record<string, unknown> | unknown[] | undefined;
    if (e.keyword === 'type' && path.length > 0 && parent && typeof parent === 'object') {
      const value = (parent as Record<string, unknown>)[last as string];
      const types = String(e.params.type).split(',');
      if (value === null) {
        if (Array.isArray(parent)) parent[last as number] = zeroValue(types[0]);
        else delete (parent as Record<string, unknown>)[last as string];
        changed = true;
      } else if (coerceStrings && isPlainStringField(types, e.instancePath, unions) && (typeof value === 'number' || typeof value === 'boolean')) {
        (parent as Record<string, unknown>)[last as string] = typeof value === 'number' ? goNumberString(value) : String(value);
        changed = true;
      }
    } else if (e.keyword === 'additionalProperties') {
      const obj = valueAt(resource, path) as Record<string, unknown>;
      const key = String(e.params.additionalProperty);
      const attempt = `${e.instancePath}/${key}`;
      if (typeof obj !== 'object' || obj === null) continue;
      const renamedFrom = renames.get(attempt);
      if (renamedFrom !== undefined && !(renamedFrom in obj)) {
        // The case-folded name is not a field here either: report the name the user wrote.
        obj[renamedFrom] = obj[key];
        delete obj[key];
        renames.delete(attempt);
        changed = true;
        continue;
      }
      if (tried.has(attempt)) continue;
      tried.add(attempt);
      const candidates = (fieldNamesByFoldedName().get(key.toLowerCase()) ?? []).filter((n) => n !== key);
      if (candidates.length !== 1) continue;
      const canonical = candidates[0];
      // encoding/json decodes keys in sorted order (sigs.k8s.io/yaml marshals a Go map); the last one wins.
      if (canonical in obj) {
        if (key > canonical) obj[canonical] = obj[key];
      } else {
        obj[canonical] = obj[key];
        renames.set(`${e.instancePath}/${canonical}`, key);
        tried.add(`${e.instancePath}/${canonical}`);
      }
      delete obj[key];
      changed = true;
    }
  }
  return changed;
}

/** A Go `string` (or `*string`) field: the schema allows a string and nothing else but null. */
function isPlainStringField(types: string[], instancePath: string, unions: Set<string>): boolean {
  const nonNull = types.filter((t) => t !== 'null');
  return nonNull.length === 1 && nonNull[0] === 'string' && !unions.has(instancePath);
}

function describeType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** Turns ajv errors into issues: the most specific error per problem, each with a readable message. */
function toIssues(resource: Record<string, unknown>, errors: AjvError[]): SchemaIssue[] {
  // anyOf/oneOf/if produce one error per failed branch plus a summary; keep what helps the user.
  const combinators = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf' || e.keyword === 'if');
  const dropped = new Set<AjvError>();
  for (const c of combinators) {
    const prefix = c.schemaPath.replace(/\/(anyOf|oneOf|if)$/, '');
    const branch = errors.filter((e) => e !== c && e.schemaPath.startsWith(prefix + '/') && e.instancePath.startsWith(c.instancePath));
    const informative = branch.filter((e) => e.keyword !== 'type' && e.keyword !== 'if');
    if (c.keyword === 'if' || informative.length > 0) {
      dropped.add(c);
      for (const e of branch) if (e.keyword === 'type') dropped.add(e);
    } else {
      for (const e of branch) dropped.add(e);
      const types = [...new Set(branch.map((e) => String(e.params.type)))];
      c.message = types.length ? `expected ${types.join(' or ')}, got ${describeType(valueAt(resource, pointerToPath(c.instancePath)))}` : 'value does not match any allowed form';
    }
  }
  const issues: SchemaIssue[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (dropped.has(e)) continue;
    let path = pointerToPath(e.instancePath);
    const value = valueAt(resource, path);
    let message: string;
    let showValue = true;
    switch (e.keyword) {
      case 'additionalProperties':
        path = [...path, String(e.params.additionalProperty)];
        message = `${UNKNOWN_FIELD}: ${e.params.additionalProperty}`;
        showValue = false;
        break;
      case 'required':
        path = [...path, String(e.params.missingProperty)];
        message = 'required field is missing';
        showValue = false;
        break;
      case 'type':
        message = `expected ${String(e.params.type).split(',').join(' or ')}, got ${describeType(value)}`;
        break;
      case 'enum':
        message = `supported values: ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
        break;
      case 'const':
        message = `must be ${JSON.stringify(e.params.allowedValue)}`;
        break;
      case 'not':
        message = `${describeType(value)} is not accepted here`;
        break;
      case 'pattern':
        message = `invalid value (must match ${e.params.pattern})`;
        break;
      default:
        message = e.message ?? e.keyword;
    }
    const issue: SchemaIssue = {path, message};
    if (showValue && value !== undefined && (typeof value !== 'object' || value === null)) issue.value = value;
    const key = JSON.stringify([path, message]);
    if (!seen.has(key)) {
      seen.add(key);
      issues.push(issue);
    }
  }
  return issues;
}

/** Validates one resource against its kind's schema (mutating it into its Go-decoded form). */
export function schemaIssues(validate: KindValidator | undefined, resource: Record<string, unknown>, coerceStrings: boolean): SchemaIssue[] {
  if (!validate) return [];
  const tried = new Set<string>();
  const renames = new Map<string, string>();
  for (let pass = 0; pass < 8; pass++) {
    if (validate(resource)) return [];
    const errors = validate.errors ?? [];
    if (!applyGoDecoding(resource, errors, coerceStrings, tried, renames)) return toIssues(resource, errors);
  }
  return validate(resource) ? [] : toIssues(resource, validate.errors ?? []);
}
