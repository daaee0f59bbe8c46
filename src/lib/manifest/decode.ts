// Turns one YAML/JSON document into resource records the way calicoctl's resource manager does: a single
// resource, a `<Kind>List` with items, or a top-level sequence of those; empty documents yield nothing.
// Every record remembers where it came from and can map a field path back to its line.
import yaml from 'js-yaml';
import {API_VERSION, kindFromListKind, kindFromManifest} from '../registry/index.js';
import {GO_YAML_SCHEMA} from './yaml-schema.js';
import type {FieldPath, ManifestRecord} from './types.js';

/** A problem that makes calicoctl refuse the whole input (printed as `failed to execute command: ...`). */
export class ManifestError extends Error {
  constructor(
    readonly reason: string,
    readonly file: string,
    readonly line: number,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'ManifestError';
  }
}

/** js-yaml's default (100) rejects documents go-yaml accepts; go-yaml v2 stops at 10000. */
const MAX_DEPTH = 1000;
const LIST_META_FIELDS = new Set(['selfLink', 'resourceVersion', 'continue', 'remainingItemCount']);
const LIST_FIELDS = new Set(['apiVersion', 'kind', 'metadata', 'items']);

interface NodeLines {
  /** 0-based line of each key of a mapping, or of each item of a sequence. */
  keys?: Map<string, number>;
  items?: number[];
}

interface Frame {
  line: number;
  children: Array<{line: number; result: unknown}>;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function goTypeName(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'object') return 'object';
  return typeof v;
}

/**
 * go-yaml v2 refuses documents whose alias expansion dwarfs the document ("billion laughs"); we apply
 * the same ratio rule on the expanded node count, computed without expanding anything.
 */
function checkAliasing(root: unknown): string | undefined {
  // Per object: nodes it expands to, and alias references decoded while expanding it (as go-yaml counts).
  const memo = new Map<object, {nodes: number; aliases: number}>();
  const visit = (v: unknown): {nodes: number; aliases: number} => {
    if (typeof v !== 'object' || v === null) return {nodes: 1, aliases: 0};
    const known = memo.get(v);
    if (known) return {nodes: known.nodes, aliases: known.aliases + 1};
    const entry = {nodes: 1, aliases: 0};
    memo.set(v, entry); // js-yaml output has no cycles, but never loop
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      const c = visit(child);
      entry.nodes += c.nodes;
      entry.aliases += c.aliases;
    }
    return {...entry};
  };
  const {nodes, aliases} = visit(root);
  if (aliases > 100 && nodes > 1000) {
    const allowed = nodes <= 400000 ? 0.99 : nodes >= 4000000 ? 0.1 : 0.99 - (0.89 * (nodes - 400000)) / 3600000;
    if (aliases / nodes > allowed) return 'yaml: document contains excessive aliasing';
  }
  return undefined;
}

type Listener = (event: string, state: {line: number; result: unknown; kind: string | null; anchor?: string | null}) => void;

/** go-yaml's anchor names: letters, digits, '_' and '-'. */
const GO_ANCHOR_NAME = /^[A-Za-z0-9_-]+$/;
/** An `&` where a node can start (line start, after `- `, `: `, a flow indicator or a tag), so `a && b` inside a selector costs nothing. */
const ANCHOR_CANDIDATE = /(?:^[ \t]*|[-:,[{][ \t]+|[[{,]|![^\s]*[ \t]+)&/m;

/**
 * js-yaml accepts any anchor name up to a space; go-yaml stops at the first other character and fails
 * (so `selector: !has(a) && b == 'c'`, an unquoted selector read as a tag then an anchor `&`, is an
 * error in calicoctl). Returns go-yaml's error for the first such anchor.
 */
function badAnchor(text: string, file: string, firstLine: number): ManifestError | undefined {
  let found: {line: number} | undefined;
  parseYaml(text, file, firstLine, (event, state) => {
    if (!found && event === 'close' && typeof state.anchor === 'string' && !GO_ANCHOR_NAME.test(state.anchor)) found = {line: state.line};
  });
  if (!found) return undefined;
  const line = firstLine + found.line;
  return new ManifestError(`yaml: line ${line}: did not find expected alphabetic or numeric character`, file, line);
}

/** A listener that records, per mapping/sequence node, the 0-based line of each key/item. */
function lineRecorder(): {listener: Listener; lines: WeakMap<object, NodeLines>} {
  const lines = new WeakMap<object, NodeLines>();
  const stack: Frame[] = [];
  const listener: Listener = (event, state) => {
    if (event === 'open') {
      stack.push({line: state.line, children: []});
      return;
    }
    const frame = stack.pop();
    if (!frame) return;
    const result = state.result;
    if (state.kind === 'mapping' && isObject(result) && !lines.has(result)) {
      const keys = new Map<string, number>();
      for (let i = 0; i + 1 < frame.children.length; i += 2) keys.set(String(frame.children[i].result), frame.children[i].line);
      lines.set(result, {keys});
    } else if (state.kind === 'sequence' && Array.isArray(result) && !lines.has(result)) {
      lines.set(result, {items: frame.children.map((c) => c.line)});
    }
    stack[stack.length - 1]?.children.push({line: frame.line, result});
  };
  return {listener, lines};
}

/** Parses one document's text the way go-yaml's Unmarshal does (first document of the stream only). */
function parseYaml(text: string, file: string, firstLine: number, listener?: Listener): unknown {
  const options = {schema: GO_YAML_SCHEMA, maxDepth: MAX_DEPTH, ...(listener ? {listener} : {})} as yaml.LoadOptions;
  try {
    return yaml.load(text, options);
  } catch (err) {
    if (err instanceof yaml.YAMLException && /expected a single document/.test(err.reason)) {
      let first: unknown = null;
      let seen = false;
      try {
        yaml.loadAll(
          text,
          (doc) => {
            if (!seen) first = doc;
            seen = true;
          },
          options,
        );
      } catch {
        /* later documents are never parsed by calicoctl */
      }
      return first;
    }
    throw yamlError(err, file, firstLine);
  }
}

function yamlError(err: unknown, file: string, firstLine: number): ManifestError {
  if (err instanceof yaml.YAMLException) {
    const line = firstLine + (err.mark?.line ?? 0);
    return new ManifestError(`yaml: line ${line}: ${err.reason}`, file, line);
  }
  if (err instanceof RangeError) return new ManifestError('yaml: document is nested too deeply', file, firstLine);
  return new ManifestError(`yaml: ${err instanceof Error ? err.message : String(err)}`, file, firstLine);
}

/**
 * Line numbers of one document, computed only when asked for (errors, `-o json`): the document is parsed
 * a second time with a js-yaml listener, which keeps the common all-valid path fast.
 */
class DocumentLines {
  private tree?: {root: unknown; lines: WeakMap<object, NodeLines>};
  constructor(
    private readonly text: string,
    private readonly file: string,
    readonly firstLine: number,
  ) {}

  /** 1-based line of the deepest node on `path` that has one; `fallback` when none has. */
  lineAt(path: FieldPath, fallback: number): number {
    if (!this.tree) {
      const {listener, lines} = lineRecorder();
      this.tree = {root: parseYaml(this.text, this.file, this.firstLine, listener), lines};
    }
    let node = this.tree.root;
    let line = fallback;
    for (const seg of path) {
      if (typeof node !== 'object' || node === null) break;
      const info = this.tree.lines.get(node);
      const l = typeof seg === 'number' ? info?.items?.[seg] : info?.keys?.get(seg);
      if (l !== undefined) line = this.firstLine + l;
      node = (node as Record<string, unknown>)[seg as string];
    }
    return line;
  }

  /** 1-based line of the first line with content (skips blank lines, comments and a leading `---`). */
  contentLine(): number {
    const re = /^[ \t]*(?:#.*|---[ \t]*(?:#.*)?)?\r?$/;
    let line = this.firstLine;
    for (let start = 0; start < this.text.length; line++) {
      const end = this.text.indexOf('\n', start);
      const row = this.text.slice(start, end < 0 ? this.text.length : end);
      if (!re.test(row)) return line;
      if (end < 0) break;
      start = end + 1;
    }
    return this.firstLine;
  }
}

class DecodedRecord implements ManifestRecord {
  private cachedLine?: number;
  constructor(
    readonly file: string,
    readonly kind: string,
    readonly declaredKind: string,
    public resource: Record<string, unknown>,
    readonly goStringCoercion: boolean,
    readonly listItem: boolean,
    private readonly doc: DocumentLines,
    /** Where the resource sits in its document, e.g. ['items', 2]. */
    private readonly locator: FieldPath,
  ) {}

  get line(): number {
    this.cachedLine ??= this.locator.length === 0 ? this.doc.contentLine() : this.doc.lineAt(this.locator, this.doc.firstLine);
    return this.cachedLine;
  }

  lineOf(path: FieldPath): number {
    return this.doc.lineAt([...this.locator, ...path], this.line);
  }
}

/** GroupVersion text as apimachinery prints it; undefined when the apiVersion does not parse. */
function groupVersion(apiVersion: unknown): string | undefined {
  const text = typeof apiVersion === 'string' ? apiVersion : '';
  const slash = text.indexOf('/');
  return slash >= 0 && text.indexOf('/', slash + 1) >= 0 ? undefined : text;
}

export interface DecodeContext {
  file: string;
  /** 1-based line of the document in the file. */
  line: number;
}

/** Parses and flattens one document into records. Throws ManifestError for what calicoctl rejects. */
export function decodeDocument(text: string, ctx: DecodeContext): ManifestRecord[] {
  const value = parseYaml(text, ctx.file, ctx.line);
  if (value === null || value === undefined) return [];
  // Aliases need a `*`; skip the walk for the (usual) documents without one.
  if (text.includes('*')) {
    const aliasing = checkAliasing(value);
    if (aliasing) throw new ManifestError(aliasing, ctx.file, ctx.line);
  }
  if (text.includes('&') && ANCHOR_CANDIDATE.test(text)) {
    const anchorError = badAnchor(text, ctx.file, ctx.line);
    if (anchorError) throw anchorError;
  }
  const doc = new DocumentLines(text, ctx.file, ctx.line);
  const records: ManifestRecord[] = [];
  const fail = (reason: string, locator: FieldPath = []): never => {
    throw new ManifestError(reason, ctx.file, doc.lineAt(locator, ctx.line));
  };

  const addTyped = (obj: Record<string, unknown>, locator: FieldPath, goStringCoercion: boolean): void => {
    const kind = typeof obj.kind === 'string' ? obj.kind : '';
    const gv = groupVersion(obj.apiVersion);
    const known = gv === API_VERSION ? kindFromManifest(kind) : undefined;
    const list = gv === API_VERSION && !known ? kindFromListKind(kind) : undefined;
    if (!known && !list) fail(`unknown resource type (${gv === undefined ? '' : kind}) and/or version (${gv ?? ''})`, locator);
    if (known) {
      records.push(new DecodedRecord(ctx.file, kind, kind, obj, goStringCoercion, false, doc, locator));
      return;
    }
    // A <Kind>List: list metadata is ListMeta; each item is decoded as the list's element kind.
    for (const key of Object.keys(obj)) {
      if (!LIST_FIELDS.has(key)) fail(`field in document is not recognized or is in the wrong location: ${key}`, [...locator, key]);
    }
    if (isObject(obj.metadata)) {
      for (const key of Object.keys(obj.metadata)) {
        if (!LIST_META_FIELDS.has(key)) fail(`field in document is not recognized or is in the wrong location: ${key}`, [...locator, 'metadata', key]);
      }
    }
    const items = obj.items;
    if (items === null || items === undefined) return;
    const elementKind = list!.kind;
    if (!Array.isArray(items)) fail(`json: cannot unmarshal ${goTypeName(items)} into Go struct field ${kind}.items of type []v3.${elementKind}`, [...locator, 'items']);
    (items as unknown[]).forEach((item, index) => {
      if (item === null) item = (items as unknown[])[index] = {};
      const itemLocator = [...locator, 'items', index];
      if (!isObject(item)) fail(`json: cannot unmarshal ${goTypeName(item)} into Go struct field ${kind}.items of type v3.${elementKind}`, itemLocator);
      const resource = item as Record<string, unknown>;
      const declaredKind = typeof resource.kind === 'string' ? resource.kind : '';
      records.push(new DecodedRecord(ctx.file, elementKind, declaredKind, resource, goStringCoercion, true, doc, itemLocator));
    });
  };

  const missingKind = (v: unknown): boolean => !isObject(v) || typeof v.kind !== 'string' || v.kind === '';
  if (Array.isArray(value)) {
    value.forEach((element, index) => {
      if (!isObject(element)) fail(`json: cannot unmarshal ${goTypeName(element)} into Go value of type map[string]interface {}`, [index]);
      if (missingKind(element)) fail(`Object 'Kind' is missing in '${compactJson(element)}'`, [index]);
      // Inside a top-level sequence sigs.k8s.io/yaml has no typed target, so numbers are not turned into strings.
      addTyped(element as Record<string, unknown>, [index], false);
    });
  } else if (isObject(value)) {
    if (missingKind(value)) fail(`json: cannot unmarshal object into Go value of type []unstructured.Unstructured`);
    addTyped(value, [], true);
  } else {
    fail(`json: cannot unmarshal ${goTypeName(value)} into Go value of type []unstructured.Unstructured`);
  }
  return records;
}

function compactJson(v: unknown): string {
  const text = JSON.stringify(v) ?? '';
  return text.length > 200 ? text.slice(0, 197) + '...' : text;
}
