// The validation orchestrator shared by `validate` and the resource commands (create/apply/replace run
// the same checks before writing). Per resource, in calicoctl's order: namespace rules (handleNamespace),
// then the JSON Schema, then — only when the schema passed, so field types can be trusted — the kind's
// semantic rules; name and metadata rules apply to every kind.
import type {FieldPath, ManifestRecord} from '../manifest/types.js';
import {API_VERSION, kindFromManifest} from '../registry/index.js';
import {resourceId, type CalicoResource} from '../resource.js';
import {metadataIssues, nameIssues} from './names.js';
import {loadValidator, schemaIssues, UNKNOWN_FIELD, type KindValidator} from './schema.js';
import type {SemanticRule, ValidationIssue} from './types.js';

export {UNKNOWN_FIELD} from './schema.js';

/** One problem, located. */
export interface FieldError {
  /** Field path from the resource root, e.g. `spec.ingress[0].action`; '' for the resource itself. */
  path: string;
  /** 1-based line in `file`. */
  line: number;
  message: string;
  /** The offending value, when there is one. */
  value?: unknown;
}

export interface ValidationResult {
  readonly record: ManifestRecord;
  readonly file: string;
  readonly line: number;
  /** Kind the resource was validated as. */
  readonly kind: string;
  readonly name: string;
  /** Namespace after defaulting; undefined for cluster-scoped kinds. */
  readonly namespace: string | undefined;
  readonly valid: boolean;
  readonly errors: FieldError[];
}

export interface ValidateOptions {
  /** `-n`: namespace for namespaced resources that have none (must match when they have one). */
  namespace?: string;
  /** `-A` (only meaningful for get/delete, kept for handleNamespace parity). */
  allNamespaces?: boolean;
  /**
   * Run the kinds' CRD-stage checks (`crdRules` of rules/<kind>.ts); default true. calicoctl 3.32 applies
   * them when it writes to etcd (create/apply/replace) but skips them in offline `validate`; we always run
   * them, so `validate` predicts what a write would accept (as Calico's later releases do).
   */
  crdRules?: boolean;
}

interface KindRules {
  rules?: SemanticRule;
  crdRules?: SemanticRule;
}

/** `spec.ingress[0]["a/b"]` → ['spec', 'ingress', 0, 'a/b']. */
export function parseFieldPath(path: string): Array<string | number> {
  const out: Array<string | number> = [];
  const re = /\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|\[([^\]]*)\]|([^.[\]]+)/g;
  for (let m = re.exec(path); m; m = re.exec(path)) {
    if (m[1] !== undefined) out.push(Number(m[1]));
    else if (m[2] !== undefined) out.push(JSON.parse(`"${m[2]}"`) as string);
    else if (m[3] !== undefined) out.push(m[3]);
    else out.push(m[4]);
  }
  return out;
}

/** ['spec', 'ingress', 0, 'a/b'] → `spec.ingress[0]["a/b"]`. */
export function formatFieldPath(path: FieldPath): string {
  let text = '';
  for (const seg of path) {
    if (typeof seg === 'number') text += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) text += text ? `.${seg}` : seg;
    else text += `[${JSON.stringify(seg)}]`;
  }
  return text;
}

/** calicoctl's handleNamespace, as a per-resource check; sets the default namespace. */
function namespaceError(record: ManifestRecord, opts: ValidateOptions): string | undefined {
  const meta = record.resource.metadata as Record<string, unknown> | undefined;
  const resNs = typeof meta?.namespace === 'string' ? meta.namespace : '';
  const cliNs = opts.namespace ?? '';
  const allNs = !!opts.allNamespaces;
  const setNs = (ns: string): void => {
    if (typeof record.resource.metadata !== 'object' || record.resource.metadata === null) record.resource.metadata = {};
    (record.resource.metadata as Record<string, unknown>).namespace = ns;
  };
  if (kindFromManifest(record.kind)?.namespaced) {
    if (allNs && cliNs !== '') return 'cannot use both --namespace and --all-namespaces flags at the same time';
    if (resNs === '' && cliNs !== '') setNs(cliNs);
    else if (resNs !== '' && allNs) setNs('');
    else if (resNs === '' && !allNs) setNs('default');
    else if (resNs !== '' && cliNs !== '' && resNs !== cliNs) return `resource namespace does not match client namespace. ${resNs} != ${cliNs}`;
    return undefined;
  }
  if (resNs !== '') return `namespace should not be specified for a non-namespaced resource. ${record.kind} is not a namespaced resource`;
  if (allNs || cliNs !== '') return `${record.kind} is not namespaced`;
  return undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Validates records (as produced by readManifests) offline. Never throws for invalid input: every
 * problem becomes a FieldError of that resource. Resources are validated in place (Go decoding quirks
 * applied, namespace defaulted), so callers can write `record.resource` afterwards.
 */
export async function validateResources(records: readonly ManifestRecord[], opts: ValidateOptions = {}): Promise<ValidationResult[]> {
  const kinds = [...new Set(records.map((r) => r.kind))];
  const loaded = await Promise.all(kinds.map(async (kind) => [kind, await loadValidator(kind), await loadRules(kind)] as const));
  const byKind = new Map(loaded.map(([kind, validator, rules]) => [kind, {validator, rules}]));
  return records.map((record) => {
    const {validator, rules} = byKind.get(record.kind)!;
    return validateRecord(record, validator, rules, opts);
  });
}

/** The kind's rule module (rules/<kind>.ts), so only the kinds present are loaded; else the index. */
async function loadRules(kind: string): Promise<KindRules> {
  try {
    return (await import(`./rules/${kind.toLowerCase()}.js`)) as KindRules;
  } catch {
    return {rules: (await import('./rules/index.js')).RULES_BY_KIND[kind]};
  }
}

function validateRecord(record: ManifestRecord, validator: KindValidator | undefined, rules: KindRules, opts: ValidateOptions): ValidationResult {
  const resource = record.resource;
  // A <Kind>List item is decoded into the list's element type: its own apiVersion/kind are not checked.
  if (record.listItem) {
    resource.apiVersion = API_VERSION;
    resource.kind = record.kind;
  }
  const errors: FieldError[] = [];
  const add = (path: FieldPath, message: string, value?: unknown): void => {
    const e: FieldError = {path: formatFieldPath(path), line: record.lineOf(path), message};
    if (value !== undefined) e.value = value;
    errors.push(e);
  };
  const fromIssues = (issues: ValidationIssue[]): void => {
    for (const i of issues) add(parseFieldPath(i.path), i.message, i.value);
  };

  // The schema pass first: it also applies Go's decoding (e.g. `namespace: 5` is the string "5"),
  // which calicoctl does before its namespace rules and validator run.
  const schema = schemaIssues(validator, resource, record.goStringCoercion);
  for (const i of schema) add(i.path, i.message, i.value);
  const nsError = namespaceError(record, opts);
  if (nsError) add(['metadata', 'namespace'], nsError);
  else {
    const meta = resource.metadata;
    const name = isObject(meta) ? meta.name : undefined;
    if (name === undefined || typeof name === 'string') fromIssues(nameIssues(record.kind, name ?? ''));
    if (isObject(meta)) fromIssues(metadataIssues(meta));
    if (schema.length === 0) {
      try {
        if (rules.rules) fromIssues(rules.rules(resource as unknown as CalicoResource));
        if (opts.crdRules !== false && rules.crdRules) fromIssues(rules.crdRules(resource as unknown as CalicoResource));
      } catch (err) {
        // A rule must never take the whole command down; report it against the resource.
        add([], `internal validation error: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
  const meta = isObject(resource.metadata) ? resource.metadata : {};
  const namespaced = !!kindFromManifest(record.kind)?.namespaced;
  return {
    record,
    file: record.file,
    line: record.line,
    kind: record.kind,
    name: typeof meta.name === 'string' ? meta.name : '',
    namespace: namespaced && typeof meta.namespace === 'string' ? meta.namespace : undefined,
    valid: errors.length === 0,
    errors,
  };
}

/** `Kind(name)` / `Kind(ns/name)` for a result. */
export function resultId(r: ValidationResult): string {
  return resourceId(r.kind, r.name, r.namespace);
}

/** True when the only problems are unknown fields (calicoctl rejects those while parsing). */
export function onlyUnknownFields(r: ValidationResult): boolean {
  return r.errors.length > 0 && r.errors.every((e) => e.message.startsWith(UNKNOWN_FIELD));
}

function hasPath(obj: unknown, path: ReadonlyArray<string | number>): boolean {
  let node: unknown = obj;
  for (const seg of path) {
    if (typeof node !== 'object' || node === null || !(seg in (node as object))) return false;
    node = (node as Record<string | number, unknown>)[seg];
  }
  return true;
}

/**
 * A problem Go's decoder reports while parsing (unknown field, wrong JSON type): the write fails before any
 * default is applied, so no default can excuse it.
 */
function isDecodingError(e: FieldError): boolean {
  return e.message.startsWith(UNKNOWN_FIELD) || /^expected [a-z ]+, got /.test(e.message);
}

/** Go field names in the client's IPPool errors (`IPPool.Spec.BlockSize`) → our field paths. */
const CLIENT_FIELD_PATHS: Record<string, string> = {
  'IPPool.Spec.CIDR': 'spec.cidr',
  'IPPool.Spec.BlockSize': 'spec.blockSize',
  'IPPool.Spec.IPIPMode': 'spec.ipipMode',
  'IPPool.Spec.VXLANMode': 'spec.vxlanMode',
  'IPPool.Spec.AllowedUses': 'spec.allowedUses',
};

/**
 * The verdict a write would give. Calico's client applies its defaults before it validates, so a resource
 * that fails as read (e.g. an IPv6 IPPool without `ipipMode`, which the client sets to Never) is checked
 * again after the same write defaults, and problems in fields the user did not write are dropped. The
 * client's own write-time checks (IPPool block size per family, strict masking, ...) are added. Unknown
 * fields and decoding errors are never excused. This is what `validate` reports.
 */
export async function validateAsWritten(records: readonly ManifestRecord[], opts: ValidateOptions = {}): Promise<ValidationResult[]> {
  const results = await validateResources(records, opts);
  const candidates = results.filter((r) => (!r.valid || r.kind === 'IPPool') && !r.errors.some(isDecodingError));
  if (candidates.length === 0) return results;
  // IPPool's write defaults are all in defaultAndCheckIPPool (its one CRD default, assignmentMode, too), so a
  // file of pools does not load the rest of the write defaults.
  const {defaultAndCheckIPPool} = await import('../defaults/ippool.js');
  const applyWriteDefaults = candidates.some((r) => r.kind !== 'IPPool') ? (await import('../defaults/index.js')).applyWriteDefaults : undefined;
  return Promise.all(
    results.map(async (r) => {
      if (!candidates.includes(r)) return r;
      const input = r.record.resource;
      let defaulted: CalicoResource;
      const clientErrors: FieldError[] = [];
      try {
        defaulted = structuredClone(input) as unknown as CalicoResource;
        if (r.kind !== 'IPPool') defaulted = applyWriteDefaults!(defaulted);
        else {
          defaulted.spec ??= {};
          try {
            defaultAndCheckIPPool(defaulted);
          } catch (err) {
            const fields = (err as {fields?: Array<{name: string; value?: unknown; reason?: string}>}).fields;
            if (!fields) throw err;
            for (const f of fields) {
              const path = CLIENT_FIELD_PATHS[f.name] ?? 'spec';
              clientErrors.push({path, line: r.record.lineOf(parseFieldPath(path)), message: f.reason ?? 'invalid value', value: f.value});
            }
          }
        }
      } catch {
        return r; // the defaults themselves refuse it: the first verdict stands
      }
      let errors = r.errors;
      // IPPool: the client's defaults can also make a pool invalid (allowedUses defaults to Workload+Tunnel,
      // and Tunnel forbids a namespaceSelector), so a pool is always checked again as defaulted.
      if (!r.valid || r.kind === 'IPPool') {
        // Records may carry methods on their prototype: copy them by delegation, not by spreading.
        const record: ManifestRecord = Object.assign(Object.create(r.record) as ManifestRecord, {resource: defaulted as unknown as Record<string, unknown>});
        const [again] = await validateResources([record], opts);
        errors = again.errors
          // Drop only problems in values the defaults added; a field missing from both is still missing.
          .filter((e) => !e.path || e.path === 'metadata.name' || hasPath(input, parseFieldPath(e.path)) || !hasPath(defaulted, parseFieldPath(e.path)))
          .map((e) => ({...e, line: r.record.lineOf(parseFieldPath(e.path))}));
      }
      const seen = new Set(errors.map((e) => e.path));
      errors = [...errors, ...clientErrors.filter((e) => !seen.has(e.path))];
      return {...r, valid: errors.length === 0, errors};
    }),
  );
}
