// The subset of Go text/template that `calicoctl get -o go-template=...` users rely on, evaluated over the
// JSON form of the results with Go field names (.ObjectMeta.Name, .Spec.CIDR, .Items):
//   actions {{pipeline}}, trim markers {{- -}}, comments, if/else if/else, range (with $i, $v :=, else,
//   break, continue), with/else, variables ($x := / $x =), pipelines, parenthesised pipelines;
//   functions len, index, printf (%s %d %v %q %t %f %x, width/flags), print, println, eq ne lt le gt ge,
//   and or not, join, joinAndTruncate, config "asnumber".
// Anything else (define, template, block, unknown functions, method calls) fails with a clear error.
import {readFileSync} from 'node:fs';
import {CliError} from '../errors.js';
import {formatGoFloat, formatGoValue, goQuote, joinAndTruncate} from './go-format.js';

// ---------------------------------------------------------------------------------------------------
// Values

/** A float64 field (policy/tier order): printed with %v rules (1000000 → 1e+06). */
class GoFloat {
  constructor(readonly value: number) {}
}
/** A missing key of a Go map: prints `<no value>`. */
const NO_VALUE = Symbol('no value');
/** Go maps (string keys) in Calico resources; every other JSON object is a struct. */
const MAP_FIELDS = new Set(['labels', 'annotations', 'labelsToApply', 'matchLabels']);
const FLOAT_FIELDS = new Set(['order']);
const goMaps = new WeakSet<object>();

type Value = unknown;

function wrapField(key: string, v: Value): Value {
  if (typeof v === 'number' && FLOAT_FIELDS.has(key)) return new GoFloat(v);
  if (v && typeof v === 'object' && !Array.isArray(v) && MAP_FIELDS.has(key)) goMaps.add(v);
  return v;
}

function isGoMap(v: Value): boolean {
  return !!v && typeof v === 'object' && goMaps.has(v);
}

function num(v: Value): number | undefined {
  if (v instanceof GoFloat) return v.value;
  return typeof v === 'number' ? v : undefined;
}

function printValue(v: Value): string {
  if (v === NO_VALUE) return '<no value>';
  if (v === undefined) return '';
  if (v instanceof GoFloat) return formatGoFloat(v.value);
  if (isGoMap(v)) return formatGoValue(v, true);
  return formatGoValue(v);
}

function truthy(v: Value): boolean {
  if (v === undefined || v === null || v === NO_VALUE || v === false || v === '' || v === 0) return false;
  if (v instanceof GoFloat) return v.value !== 0;
  if (Array.isArray(v)) return v.length > 0;
  if (isGoMap(v)) return Object.keys(v as object).length > 0;
  return true;
}

let goNameAliases: Record<string, string> | undefined;

/** Go names that differ from their JSON name beyond case (from the schemas' x-go-name, at build time). */
function aliasFor(lowerGoName: string): string | undefined {
  if (!goNameAliases) {
    try {
      goNameAliases = JSON.parse(readFileSync(new URL('../../generated/go-names.json', import.meta.url), 'utf8')) as Record<string, string>;
    } catch {
      goNameAliases = {};
    }
  }
  return goNameAliases[lowerGoName];
}

/** Go field name → JSON key: a case-insensitive match (CIDR → cidr), else the schemas' x-go-name alias. */
function fieldOf(obj: Value, name: string): Value {
  if (obj === undefined || obj === null || obj === NO_VALUE) {
    throw new Error(`nil pointer evaluating interface {}.${name}`);
  }
  if (typeof obj !== 'object' || Array.isArray(obj)) {
    throw new Error(`can't evaluate field ${name} in type ${Array.isArray(obj) ? '[]interface {}' : typeof obj}`);
  }
  const o = obj as Record<string, unknown>;
  if (isGoMap(o)) return name in o ? o[name] : NO_VALUE;
  if (name === 'TypeMeta') return o;
  if (name === 'ObjectMeta' || name === 'ListMeta') return wrapField('metadata', o.metadata ?? {});
  const lower = name.toLowerCase();
  for (const key of Object.keys(o)) {
    if (key.toLowerCase() === lower) return wrapField(key, o[key]);
  }
  const alias = aliasFor(lower);
  if (alias !== undefined && alias in o) return wrapField(alias, o[alias]);
  // Fields of the embedded ObjectMeta/ListMeta are promoted in Go (.Name, .Namespace, .ResourceVersion).
  const meta = o.metadata;
  if (meta && typeof meta === 'object' && ('kind' in o || 'apiVersion' in o)) {
    for (const key of Object.keys(meta)) {
      if (key.toLowerCase() === lower) return wrapField(key, (meta as Record<string, unknown>)[key]);
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// Lexing and parsing

type Node =
  | {t: 'text'; text: string}
  | {t: 'action'; pipe: Pipe; pos: string}
  | ControlNode
  | {t: 'break' | 'continue'};

interface ControlNode {
  t: 'if' | 'with' | 'range';
  pipe: Pipe;
  list: Node[];
  elseList?: Node[];
  pos: string;
}

interface Pipe {
  decl: string[];
  assign: boolean;
  cmds: Operand[][];
}

type Operand =
  | {t: 'field'; chain: string[]; text: string}
  | {t: 'var'; name: string; chain: string[]; text: string}
  | {t: 'dot'}
  | {t: 'ident'; name: string}
  | {t: 'lit'; value: Value}
  | {t: 'pipe'; pipe: Pipe; chain: string[]};

interface Token {
  k: 'field' | 'var' | 'dot' | 'ident' | 'str' | 'num' | 'lp' | 'rp' | 'pipe' | 'decl' | 'assign' | 'comma';
  v: string;
}

class TemplateError extends Error {}

function lexAction(src: string, where: string): Token[] {
  const toks: Token[] = [];
  let i = 0;
  const fail = (msg: string): never => {
    throw new TemplateError(`template: ${where}: ${msg}`);
  };
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '(') toks.push({k: 'lp', v: c});
    else if (c === ')') toks.push({k: 'rp', v: c});
    else if (c === '|') toks.push({k: 'pipe', v: c});
    else if (c === ',') toks.push({k: 'comma', v: c});
    else if (c === ':' && src[i + 1] === '=') {
      toks.push({k: 'decl', v: ':='});
      i++;
    } else if (c === '=') toks.push({k: 'assign', v: '='});
    else if (c === '"') {
      let j = i + 1;
      while (j < src.length && src[j] !== '"') j += src[j] === '\\' ? 2 : 1;
      if (j >= src.length) fail('unterminated quoted string');
      toks.push({k: 'str', v: unquoteGo(src.slice(i, j + 1), fail)});
      i = j;
    } else if (c === '`') {
      const j = src.indexOf('`', i + 1);
      if (j < 0) fail('unterminated raw quoted string');
      toks.push({k: 'str', v: src.slice(i + 1, j)});
      i = j;
    } else if (c === "'") {
      const m = /^'(\\.|[^'\\])'/.exec(src.slice(i));
      if (!m) fail('unterminated character constant');
      toks.push({k: 'num', v: String(unquoteGo(`"${m![1]}"`, fail).codePointAt(0))});
      i += m![0].length - 1;
    } else if (c === '.' && !/[0-9]/.test(src[i + 1] ?? '')) {
      const m = /^(\.[A-Za-z_][A-Za-z0-9_]*)+/.exec(src.slice(i));
      if (m) {
        toks.push({k: 'field', v: m[0]});
        i += m[0].length - 1;
      } else toks.push({k: 'dot', v: '.'});
    } else if (c === '$') {
      const m = /^\$[A-Za-z0-9_]*((\.[A-Za-z_][A-Za-z0-9_]*)*)/.exec(src.slice(i))!;
      toks.push({k: 'var', v: m[0]});
      i += m[0].length - 1;
    } else if (/[-+0-9.]/.test(c)) {
      const m = /^[-+]?(0[xX][0-9a-fA-F_]+|(\d[\d_]*\.?[\d_]*|\.\d+)([eE][-+]?\d+)?)/.exec(src.slice(i));
      if (!m || m[0] === '-' || m[0] === '+') fail(`bad number syntax: "${src.slice(i, i + 5)}"`);
      toks.push({k: 'num', v: m![0]});
      i += m![0].length - 1;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))!;
      toks.push({k: 'ident', v: m[0]});
      i += m[0].length - 1;
    } else fail(`unexpected "${c}" in command`);
    i++;
  }
  return toks;
}

function unquoteGo(quoted: string, fail: (m: string) => never): string {
  try {
    // Go and JSON string escapes agree for everything but \x, \a, \v and octal; map those first.
    const body = quoted
      .slice(1, -1)
      .replace(/\\x([0-9a-fA-F]{2})/g, (_m, h) => `\\u00${h}`)
      .replace(/\\a/g, '\\u0007')
      .replace(/\\v/g, '\\u000b')
      .replace(/\\U([0-9a-fA-F]{8})/g, (_m, h) => String.fromCodePoint(parseInt(h, 16)));
    return JSON.parse(`"${body}"`);
  } catch {
    return fail(`invalid syntax: ${quoted}`);
  }
}

interface RawAction {
  body: string;
  line: number;
}

type Item = {t: 'text'; text: string} | {t: 'action'; a: RawAction};

function splitTemplate(src: string): Item[] {
  const items: Item[] = [];
  let i = 0;
  let trimNext = false;
  while (i <= src.length) {
    const open = src.indexOf('{{', i);
    let text = open < 0 ? src.slice(i) : src.slice(i, open);
    if (trimNext) text = text.replace(/^[ \t\r\n]+/, '');
    trimNext = false;
    if (open < 0) {
      if (text) items.push({t: 'text', text});
      break;
    }
    let bodyStart = open + 2;
    if (src[bodyStart] === '-' && /[ \t\r\n]/.test(src[bodyStart + 1] ?? '')) {
      text = text.replace(/[ \t\r\n]+$/, '');
      bodyStart += 2;
    }
    if (text) items.push({t: 'text', text});
    const line = src.slice(0, open).split('\n').length;
    let close: number;
    if (src.startsWith('/*', bodyStart)) {
      const endComment = src.indexOf('*/', bodyStart + 2);
      if (endComment < 0) throw new TemplateError(`template: get:${line}: unclosed comment`);
      close = src.indexOf('}}', endComment + 2);
    } else {
      close = findClose(src, bodyStart);
    }
    if (close < 0) throw new TemplateError(`template: get:${line}: unclosed action`);
    let body = src.slice(bodyStart, close);
    if (/[ \t\r\n]-$/.test(body)) {
      body = body.slice(0, -2);
      trimNext = true;
    }
    if (!body.trim().startsWith('/*')) items.push({t: 'action', a: {body, line}});
    i = close + 2;
  }
  return items;
}

/** End of an action, skipping `}}` inside quoted strings. */
function findClose(src: string, from: number): number {
  let i = from;
  while (i < src.length) {
    const c = src[i];
    if (c === '"') {
      i++;
      while (i < src.length && src[i] !== '"') i += src[i] === '\\' ? 2 : 1;
    } else if (c === '`') {
      i = src.indexOf('`', i + 1);
      if (i < 0) return -1;
    } else if (c === '}' && src[i + 1] === '}') return i;
    i++;
  }
  return -1;
}

const UNSUPPORTED = new Set(['define', 'template', 'block']);
const FUNCS = new Set([
  'len', 'index', 'printf', 'print', 'println', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'and', 'or', 'not',
  'join', 'joinAndTruncate', 'config',
]);

class Parser {
  private pos = 0;
  private loopDepth = 0;
  constructor(private readonly items: Item[]) {}

  parse(): Node[] {
    const {list, end} = this.parseList();
    if (end) throw new TemplateError(`template: get:${end.line}: unexpected {{${end.word}}}`);
    return list;
  }

  /** Parses until {{end}} / {{else ...}}; returns the terminator. */
  private parseList(): {list: Node[]; end?: {word: string; rest: string; line: number}} {
    const list: Node[] = [];
    while (this.pos < this.items.length) {
      const item = this.items[this.pos++];
      if (item.t === 'text') {
        list.push(item);
        continue;
      }
      const body = item.a.body.trim();
      const where = `get:${item.a.line}`;
      const word = /^[A-Za-z_]+/.exec(body)?.[0] ?? '';
      const rest = body.slice(word.length);
      if (word === 'end' || word === 'else') return {list, end: {word, rest: rest.trim(), line: item.a.line}};
      if (UNSUPPORTED.has(word)) {
        throw new TemplateError(
          `template: ${where}: {{${word}}} is not supported by this calicoctl (supported: if, else, range, with, variables, pipelines and the functions ${[...FUNCS].join(', ')})`,
        );
      }
      if (word === 'if' || word === 'with' || word === 'range') {
        list.push(this.parseControl(word, rest, item.a.line));
        continue;
      }
      if (word === 'break' || word === 'continue') {
        if (this.loopDepth === 0) throw new TemplateError(`template: ${where}: {{${word}}} outside {{range}}`);
        list.push({t: word});
        continue;
      }
      list.push({t: 'action', pipe: parsePipe(lexAction(body, where), where), pos: `${where}: executing "get" at <${body}>`});
    }
    return {list};
  }

  private parseControl(word: 'if' | 'with' | 'range', rest: string, line: number): Node {
    const where = `get:${line}`;
    const pipe = parsePipe(lexAction(rest, where), where);
    if (word === 'range') this.loopDepth++;
    const {list, end} = this.parseList();
    if (word === 'range') this.loopDepth--;
    if (!end) throw new TemplateError(`template: ${where}: unexpected EOF`);
    const node: ControlNode = {t: word, pipe, list, pos: `${where}: executing "get" at <${rest.trim()}>`};
    if (end.word === 'else') {
      const chained = /^(if|with)\b/.exec(end.rest);
      if (chained) {
        // {{else if x}} ... {{end}} is sugar for {{else}}{{if x}} ... {{end}}{{end}}.
        node.elseList = [this.parseControl(chained[1] as 'if' | 'with', end.rest.slice(chained[1].length), end.line)];
      } else {
        const tail = this.parseList();
        if (!tail.end || tail.end.word !== 'end') throw new TemplateError(`template: ${where}: expected end; found ${tail.end ? tail.end.word : 'EOF'}`);
        node.elseList = tail.list;
      }
    }
    return node;
  }
}

function parsePipe(toks: Token[], where: string): Pipe {
  let i = 0;
  const fail = (msg: string): never => {
    throw new TemplateError(`template: ${where}: ${msg}`);
  };
  const pipe: Pipe = {decl: [], assign: false, cmds: []};
  // Declarations: $x := ..., $i, $v := ..., $x = ...
  const declEnd = toks.findIndex((t) => t.k === 'decl' || t.k === 'assign');
  if (declEnd > 0 && toks.slice(0, declEnd).every((t) => t.k === 'var' || t.k === 'comma')) {
    pipe.decl = toks.slice(0, declEnd).filter((t) => t.k === 'var').map((t) => t.v);
    pipe.assign = toks[declEnd].k === 'assign';
    i = declEnd + 1;
  }
  const parseOperand = (): Operand => {
    const t = toks[i++];
    switch (t.k) {
      case 'field':
        return {t: 'field', chain: t.v.split('.').slice(1), text: t.v};
      case 'var': {
        const [name, ...chain] = t.v.split('.');
        return {t: 'var', name, chain, text: t.v};
      }
      case 'dot':
        return {t: 'dot'};
      case 'str':
        return {t: 'lit', value: t.v};
      case 'num': {
        const clean = t.v.replace(/_/g, '');
        const n = Number(clean);
        if (Number.isNaN(n)) fail(`bad number syntax: "${t.v}"`);
        return {t: 'lit', value: /[.eE]/.test(clean) && !/^[-+]?0[xX]/.test(clean) ? new GoFloat(n) : n};
      }
      case 'ident':
        if (t.v === 'true' || t.v === 'false') return {t: 'lit', value: t.v === 'true'};
        if (t.v === 'nil') return {t: 'lit', value: null};
        if (!FUNCS.has(t.v)) fail(`function "${t.v}" not defined`);
        return {t: 'ident', name: t.v};
      case 'lp': {
        const start = i;
        let depth = 1;
        while (i < toks.length && depth > 0) {
          if (toks[i].k === 'lp') depth++;
          if (toks[i].k === 'rp') depth--;
          i++;
        }
        if (depth !== 0) fail('unclosed left paren');
        const inner = parsePipe(toks.slice(start, i - 1), where);
        let chain: string[] = [];
        if (toks[i]?.k === 'field') chain = toks[i++].v.split('.').slice(1);
        return {t: 'pipe', pipe: inner, chain};
      }
      default:
        return fail(`unexpected "${t.v}" in operand`);
    }
  };
  let cmd: Operand[] = [];
  while (i < toks.length) {
    if (toks[i].k === 'pipe') {
      if (cmd.length === 0) fail('missing command');
      pipe.cmds.push(cmd);
      cmd = [];
      i++;
      continue;
    }
    cmd.push(parseOperand());
  }
  if (cmd.length === 0) fail('missing value for command');
  pipe.cmds.push(cmd);
  return pipe;
}

// ---------------------------------------------------------------------------------------------------
// Evaluation

class LoopControl {
  constructor(readonly kind: 'break' | 'continue') {}
}

export interface TemplateFunctions {
  /** `config "asnumber"`: the cluster AS number (BGPConfiguration default). */
  asNumber(): string;
}

class Executor {
  out = '';
  private vars: {name: string; value: Value}[] = [];

  constructor(private readonly fns: TemplateFunctions) {}

  run(nodes: Node[], data: Value): string {
    this.vars = [{name: '$', value: data}];
    this.walk(nodes, data);
    return this.out;
  }

  private walk(nodes: Node[], dot: Value): void {
    for (const n of nodes) {
      switch (n.t) {
        case 'text':
          this.out += n.text;
          break;
        case 'action': {
          const v = this.withPos(n.pos, () => this.evalPipe(n.pipe, dot));
          if (n.pipe.decl.length === 0) this.out += printValue(v);
          break;
        }
        case 'break':
        case 'continue':
          throw new LoopControl(n.t);
        case 'if':
        case 'with': {
          const mark = this.vars.length;
          const v = this.withPos(n.pos, () => this.evalPipe(n.pipe, dot));
          if (truthy(v)) this.walk(n.list, n.t === 'with' ? v : dot);
          else if (n.elseList) this.walk(n.elseList, dot);
          this.vars.length = mark;
          break;
        }
        case 'range':
          this.range(n, dot);
          break;
      }
    }
  }

  private range(n: ControlNode, dot: Value): void {
    const mark = this.vars.length;
    const decl = n.pipe.decl;
    const v = this.withPos(n.pos, () => this.evalPipe({...n.pipe, decl: []}, dot));
    let entries: [Value, Value][] = [];
    if (Array.isArray(v)) entries = v.map((x, i) => [i, x]);
    else if (v && typeof v === 'object' && !(v instanceof GoFloat)) {
      entries = Object.keys(v as object).sort().map((k) => [k, (v as Record<string, unknown>)[k]]);
    } else if (typeof v === 'number' && Number.isInteger(v)) entries = Array.from({length: Math.max(v, 0)}, (_x, i) => [i, i]);
    else if (truthy(v)) throw new TemplateError(`template: ${n.pos}: range can't iterate over ${printValue(v)}`);
    if (entries.length === 0) {
      if (n.elseList) this.walk(n.elseList, dot);
      this.vars.length = mark;
      return;
    }
    for (const [key, elem] of entries) {
      const inner = this.vars.length;
      if (decl.length === 1) this.vars.push({name: decl[0], value: elem});
      else if (decl.length === 2) this.vars.push({name: decl[0], value: key}, {name: decl[1], value: elem});
      try {
        this.walk(n.list, elem);
      } catch (err) {
        if (!(err instanceof LoopControl)) throw err;
        if (err.kind === 'break') {
          this.vars.length = inner;
          break;
        }
      }
      this.vars.length = inner;
    }
    this.vars.length = mark;
  }

  private withPos<T>(pos: string, fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      if (err instanceof TemplateError || err instanceof LoopControl) throw err;
      throw new TemplateError(`template: ${pos}: ${(err as Error).message}`);
    }
  }

  private evalPipe(pipe: Pipe, dot: Value): Value {
    let value: Value = undefined;
    pipe.cmds.forEach((cmd, i) => {
      value = this.evalCommand(cmd, dot, i > 0 ? {value} : undefined);
    });
    if (pipe.decl.length > 0) {
      if (pipe.assign) {
        const slot = [...this.vars].reverse().find((x) => x.name === pipe.decl[0]);
        if (!slot) throw new Error(`undefined variable: ${pipe.decl[0]}`);
        slot.value = value;
      } else this.vars.push({name: pipe.decl[0], value});
    }
    return value;
  }

  private evalCommand(cmd: Operand[], dot: Value, piped?: {value: Value}): Value {
    const [first, ...rest] = cmd;
    if (first.t === 'ident') {
      const args = rest.map((a) => this.evalArg(a, dot));
      if (piped) args.push(piped.value);
      return this.call(first.name, args);
    }
    if (rest.length > 0 || piped) throw new Error(`can't give argument to non-function ${describe(first)}`);
    return this.evalArg(first, dot);
  }

  private evalArg(a: Operand, dot: Value): Value {
    switch (a.t) {
      case 'dot':
        return dot;
      case 'lit':
        return a.value;
      case 'field':
        return a.chain.reduce(fieldOf, dot);
      case 'var': {
        const slot = [...this.vars].reverse().find((x) => x.name === a.name);
        if (!slot) throw new TemplateError(`template: get: undefined variable "${a.name}"`);
        return a.chain.reduce(fieldOf, slot.value);
      }
      case 'pipe':
        return a.chain.reduce(fieldOf, this.evalPipe(a.pipe, dot));
      case 'ident':
        return this.call(a.name, []);
    }
  }

  private call(name: string, args: Value[]): Value {
    const need = (n: number) => {
      if (args.length !== n) throw new Error(`wrong number of args for ${name}: want ${n} got ${args.length}`);
    };
    switch (name) {
      case 'len': {
        need(1);
        const v = args[0];
        if (typeof v === 'string') return Buffer.byteLength(v);
        if (Array.isArray(v)) return v.length;
        if (v && typeof v === 'object' && !(v instanceof GoFloat)) return Object.keys(v).length;
        if (v === undefined || v === null) return 0;
        throw new Error(`error calling len: len of type ${typeof v}`);
      }
      case 'index': {
        if (args.length < 1) throw new Error('wrong number of args for index: want at least 1 got 0');
        let v = args[0];
        for (const k of args.slice(1)) {
          if (Array.isArray(v)) {
            const i = num(k);
            if (i === undefined || !Number.isInteger(i)) throw new Error('error calling index: cannot index slice/array with non-integer');
            if (i < 0 || i >= v.length) throw new Error(`error calling index: index out of range: ${i}`);
            v = v[i];
          } else if (v && typeof v === 'object') {
            const o = v as Record<string, unknown>;
            v = String(k) in o ? wrapField(String(k), o[String(k)]) : isGoMap(o) ? '' : undefined;
          } else if (v === undefined || v === null) {
            v = undefined;
          } else throw new Error(`error calling index: can't index item of type ${typeof v}`);
        }
        return v;
      }
      case 'printf':
        if (args.length < 1) throw new Error('wrong number of args for printf: want at least 1 got 0');
        return sprintf(String(args[0]), args.slice(1));
      case 'print':
        return goSprint(args, false);
      case 'println':
        return goSprint(args, true);
      case 'eq':
        if (args.length < 2) throw new Error('wrong number of args for eq: want at least 2 got ' + args.length);
        return args.slice(1).some((b) => goEqual(args[0], b));
      case 'ne':
        need(2);
        return !goEqual(args[0], args[1]);
      case 'lt':
      case 'le':
      case 'gt':
      case 'ge': {
        need(2);
        const c = goCompare(args[0], args[1]);
        return name === 'lt' ? c < 0 : name === 'le' ? c <= 0 : name === 'gt' ? c > 0 : c >= 0;
      }
      case 'and': {
        for (const a of args) if (!truthy(a)) return a;
        return args[args.length - 1];
      }
      case 'or': {
        for (const a of args) if (truthy(a)) return a;
        return args[args.length - 1];
      }
      case 'not':
        need(1);
        return !truthy(args[0]);
      case 'join':
        need(2);
        return joinAndTruncate(plain(args[0]), String(args[1]), 0, isGoMap(args[0]));
      case 'joinAndTruncate': {
        need(3);
        const max = num(args[2]);
        if (max === undefined) throw new Error('error calling joinAndTruncate: maxLen must be an integer');
        return joinAndTruncate(plain(args[0]), String(args[1]), max, isGoMap(args[0]));
      }
      case 'config':
        need(1);
        if (String(args[0]).toLowerCase() === 'asnumber') return this.fns.asNumber();
        throw new Error('error calling config: unhandled config type');
    }
    throw new Error(`function "${name}" not defined`);
  }
}

function plain(v: Value): Value {
  if (v === NO_VALUE) return undefined;
  if (v instanceof GoFloat) return formatGoFloat(v.value);
  return v;
}

function describe(o: Operand): string {
  switch (o.t) {
    case 'field':
    case 'var':
      return o.text;
    case 'dot':
      return '.';
    case 'lit':
      return printValue(o.value);
    default:
      return '(pipeline)';
  }
}

function goEqual(a: Value, b: Value): boolean {
  const [na, nb] = [num(a), num(b)];
  if (na !== undefined && nb !== undefined) return na === nb;
  // A field absent from the JSON is Go's zero value of the other operand's type.
  const zeroFor = (other: Value): Value => (typeof other === 'string' ? '' : typeof other === 'boolean' ? false : num(other) !== undefined ? 0 : null);
  const x = a === undefined || a === NO_VALUE ? zeroFor(b) : a;
  const y = b === undefined || b === NO_VALUE ? zeroFor(a) : b;
  const [nx, ny] = [num(x), num(y)];
  if (nx !== undefined && ny !== undefined) return nx === ny;
  if (x !== null && typeof x === 'object') throw new Error('error calling eq: incompatible types for comparison');
  return x === y;
}

function goCompare(a: Value, b: Value): number {
  const [na, nb] = [num(a), num(b)];
  if (na !== undefined && nb !== undefined) return na < nb ? -1 : na > nb ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  throw new Error('error calling lt: incompatible types for comparison');
}

function goSprint(args: Value[], ln: boolean): string {
  let s = '';
  args.forEach((a, i) => {
    const isStr = typeof a === 'string';
    if (i > 0 && (ln || (!isStr && typeof args[i - 1] !== 'string'))) s += ' ';
    s += printValue(a);
  });
  return ln ? s + '\n' : s;
}

/** fmt.Sprintf for the verbs templates use: %v %s %d %q %t %f %g %e %x %X %%, flags `-`, `0`, `+`, width, precision. */
export function sprintf(format: string, args: Value[]): string {
  let out = '';
  let argi = 0;
  const re = /%([-+# 0]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(format))) {
    out += format.slice(last, m.index);
    last = re.lastIndex;
    const [, flags, width, prec, verb] = m;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argi >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    const a = args[argi++];
    let s: string;
    const n = num(a);
    switch (verb) {
      case 'v':
        s = printValue(a);
        break;
      case 's':
        s = typeof a === 'string' ? a : printValue(a);
        if (prec !== undefined) s = Array.from(s).slice(0, Number(prec)).join('');
        break;
      case 'q':
        s = typeof a === 'string' ? goQuote(a) : n !== undefined && Number.isInteger(n) ? `'${String.fromCodePoint(n)}'` : `%!q(${printValue(a)})`;
        break;
      case 'd':
        s = n !== undefined && Number.isInteger(n) && !(a instanceof GoFloat) ? String(n) : `%!d(${typeName(a)}=${printValue(a)})`;
        if (flags.includes('+') && n !== undefined && n >= 0) s = '+' + s;
        break;
      case 't':
        s = typeof a === 'boolean' ? String(a) : `%!t(${typeName(a)}=${printValue(a)})`;
        break;
      case 'f':
      case 'F':
        s = n !== undefined ? n.toFixed(prec === undefined ? 6 : Number(prec)) : `%!f(${typeName(a)}=${printValue(a)})`;
        break;
      case 'g':
        s = n !== undefined ? formatGoFloat(n) : `%!g(${typeName(a)}=${printValue(a)})`;
        break;
      case 'x':
      case 'X': {
        if (n !== undefined && Number.isInteger(n)) s = (n < 0 ? '-' : '') + Math.abs(n).toString(16);
        else if (typeof a === 'string') s = Buffer.from(a, 'utf8').toString('hex');
        else s = `%!${verb}(${typeName(a)}=${printValue(a)})`;
        if (verb === 'X') s = s.toUpperCase();
        break;
      }
      default:
        s = `%!${verb}(${typeName(a)}=${printValue(a)})`;
    }
    if (width !== undefined) {
      const w = Number(width);
      const len = Array.from(s).length;
      if (len < w) {
        if (flags.includes('-')) s += ' '.repeat(w - len);
        else if (flags.includes('0') && /[dfgxX]/.test(verb) && n !== undefined) {
          const neg = s.startsWith('-') || s.startsWith('+');
          s = neg ? s[0] + '0'.repeat(w - len) + s.slice(1) : '0'.repeat(w - len) + s;
        } else s = ' '.repeat(w - len) + s;
      }
    }
    out += s;
  }
  out += format.slice(last);
  if (argi < args.length) out += `%!(EXTRA ${args.slice(argi).map((a) => `${typeName(a)}=${printValue(a)}`).join(', ')})`;
  return out;
}

function typeName(v: Value): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (v instanceof GoFloat) return 'float64';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float64';
  if (v === null || v === undefined) return '<nil>';
  return Array.isArray(v) ? '[]interface {}' : 'map[string]interface {}';
}

/** A failure while executing; Go has already written the output produced before it. */
export class TemplateExecutionError extends CliError {
  constructor(
    message: string,
    readonly partialOutput: string,
  ) {
    super(message);
  }
}

/** A compiled template, reusable over several data sets. */
export interface CompiledTemplate {
  execute(data: unknown, fns: TemplateFunctions): string;
}

/** Parses a template; throws CliError with a Go-style `template: get:<line>: ...` message. */
export function compileTemplate(source: string): CompiledTemplate {
  let nodes: Node[];
  try {
    nodes = new Parser(splitTemplate(source)).parse();
  } catch (err) {
    if (err instanceof TemplateError) throw new CliError(err.message);
    throw err;
  }
  return {
    execute(data, fns) {
      const executor = new Executor(fns);
      try {
        return executor.run(nodes, data);
      } catch (err) {
        let message: string | undefined;
        if (err instanceof TemplateError) message = err.message;
        else if (err instanceof LoopControl) message = `template: get: {{${err.kind}}} outside {{range}}`;
        else throw err;
        throw new TemplateExecutionError(message, executor.out);
      }
    },
  };
}
