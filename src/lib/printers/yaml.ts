// YAML exactly as calicoctl prints it: sigs.k8s.io/yaml, i.e. the object is encoded to JSON, decoded by
// go-yaml v2 into generic maps and emitted again by go-yaml v2 (v2.4: best width 80, indent 2, keys in
// go-yaml's "natural" order, sequences not indented under their key, unicode kept). This is a small
// re-implementation of the parts of that emitter that JSON-shaped data can reach, so scalar styles,
// quoting and line folding come out byte-identical. No js-yaml: this is faster and exact.
import {formatGoFloat} from './go-format.js';

const BEST_INDENT = 2;
const BEST_WIDTH = 80;

type Style = 'plain' | 'single' | 'double' | 'literal';

const NON_STRING_WORDS = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF',
  '', '~', 'null', 'Null', 'NULL',
  '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF', '<<',
]);
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const GO_FLOAT = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** strconv.ParseInt(s, 0, 64) / ParseUint(s, 0, 64) succeed (base prefixes 0x 0o 0b and leading-0 octal). */
function parsesAsGoInteger(s: string): boolean {
  let body = s;
  let negative = false;
  if (body[0] === '+' || body[0] === '-') {
    negative = body[0] === '-';
    body = body.slice(1);
  }
  let digits: RegExp;
  let prefix = '';
  if (/^0[xX]/.test(body)) [digits, prefix] = [/^[0-9a-fA-F]+$/, '0x'];
  else if (/^0[oO]/.test(body)) [digits, prefix] = [/^[0-7]+$/, '0o'];
  else if (/^0[bB]/.test(body)) [digits, prefix] = [/^[01]+$/, '0b'];
  else if (/^0[0-9]/.test(body)) [digits, prefix] = [/^[0-7]+$/, '0o'];
  else digits = /^[0-9]+$/;
  const rest = prefix && /^0[xXoObB]/.test(body) ? body.slice(2) : prefix ? body.slice(1) : body;
  if (!digits.test(rest)) return false;
  const value = BigInt((prefix || '') + rest);
  return negative ? value <= INT64_MAX + 1n : value <= UINT64_MAX;
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** go-yaml v2 parseTimestamp: the YAML 1.1 timestamp subset it accepts. */
function isYamlTimestamp(s: string): boolean {
  const m =
    /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))|(?: (\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?))?$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return false;
  const h = m[4] ?? m[7];
  const mi = m[5] ?? m[8];
  const se = m[6] ?? m[9];
  if (h !== undefined && (Number(h) > 23 || Number(mi) > 59 || Number(se) > 59)) return false;
  return true;
}

/** True when go-yaml would resolve this plain text as something other than a string (so it must be quoted). */
export function resolvesAsNonString(s: string): boolean {
  if (NON_STRING_WORDS.has(s)) return true;
  const c = s[0];
  if (c === '.') return GO_FLOAT.test(s);
  if (c === '+' || c === '-' || (c >= '0' && c <= '9')) {
    if (isYamlTimestamp(s)) return true;
    const plain = s.replace(/_/g, '');
    if (parsesAsGoInteger(plain)) return true;
    if (YAML_STYLE_FLOAT.test(plain)) return true;
    if (/^0b[01]+$/.test(plain) || /^-0b[01]+$/.test(plain)) return true;
  }
  return false;
}

function isBreakCp(cp: number): boolean {
  return cp === 0x0a || cp === 0x0d || cp === 0x85 || cp === 0x2028 || cp === 0x2029;
}

function isPrintableCp(cp: number): boolean {
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff)
  );
}

interface ScalarAnalysis {
  multiline: boolean;
  flowPlain: boolean;
  blockPlain: boolean;
  singleQuoted: boolean;
  block: boolean;
}

function analyzeScalar(chars: readonly string[]): ScalarAnalysis {
  if (chars.length === 0) return {multiline: false, flowPlain: false, blockPlain: true, singleQuoted: true, block: false};
  let blockIndicators = false;
  let flowIndicators = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  const head = chars.slice(0, 3).join('');
  if (chars.length >= 3 && (head === '---' || head === '...')) {
    blockIndicators = true;
    flowIndicators = true;
  }
  let precededByWhitespace = true;
  const n = chars.length;
  for (let i = 0; i < n; i++) {
    const ch = chars[i];
    const cp = ch.codePointAt(0)!;
    const next = chars[i + 1];
    const followedByWhitespace = next === undefined || next === ' ' || next === '\t';
    if (i === 0) {
      switch (ch) {
        case '#': case ',': case '[': case ']': case '{': case '}': case '&': case '*': case '!':
        case '|': case '>': case "'": case '"': case '%': case '@': case '`':
          flowIndicators = true;
          blockIndicators = true;
          break;
        case '?': case ':':
          flowIndicators = true;
          if (followedByWhitespace) blockIndicators = true;
          break;
        case '-':
          if (followedByWhitespace) {
            flowIndicators = true;
            blockIndicators = true;
          }
          break;
      }
    } else {
      switch (ch) {
        case ',': case '?': case '[': case ']': case '{': case '}':
          flowIndicators = true;
          break;
        case ':':
          flowIndicators = true;
          if (followedByWhitespace) blockIndicators = true;
          break;
        case '#':
          if (precededByWhitespace) {
            flowIndicators = true;
            blockIndicators = true;
          }
          break;
      }
    }
    if (!isPrintableCp(cp)) special = true;
    if (ch === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === n - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreakCp(cp)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === n - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = ch === ' ' || ch === '\t' || isBreakCp(cp) || cp === 0;
  }
  const a: ScalarAnalysis = {multiline: lineBreaks, flowPlain: true, blockPlain: true, singleQuoted: true, block: true};
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) a.flowPlain = a.blockPlain = false;
  if (trailingSpace) a.block = false;
  if (breakSpace) a.flowPlain = a.blockPlain = a.singleQuoted = false;
  if (spaceBreak || special) a.flowPlain = a.blockPlain = a.singleQuoted = a.block = false;
  if (lineBreaks) a.flowPlain = a.blockPlain = false;
  if (flowIndicators) a.flowPlain = false;
  if (blockIndicators) a.blockPlain = false;
  return a;
}

const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

/** go-yaml v2 keyList.Less for string keys: letters compare by code point, digit runs numerically. */
export function compareYamlKeys(a: string, b: string): number {
  if (a === b) return 0;
  return yamlKeyLess(a, b) ? -1 : yamlKeyLess(b, a) ? 1 : 0;
}

function isLetter(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 128) return (c | 32) >= 97 && (c | 32) <= 122;
  return LETTER.test(ch);
}

function isDigit(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 128) return c >= 48 && c <= 57;
  return DIGIT.test(ch);
}

function yamlKeyLess(a: string, b: string): boolean {
  // Compare rune by rune; code units suffice unless a surrogate pair is involved.
  const ar = /[\ud800-\udfff]/.test(a) ? Array.from(a) : a;
  const br = /[\ud800-\udfff]/.test(b) ? Array.from(b) : b;
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i].codePointAt(0)! < br[i].codePointAt(0)!;
    if (al || bl) return bl;
    let an = 0n;
    let bn = 0n;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10n + BigInt(ar[ai].codePointAt(0)! - 48);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10n + BigInt(br[bi].codePointAt(0)! - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i].codePointAt(0)! < br[i].codePointAt(0)!;
  }
  return ar.length < br.length;
}

// Resources repeat the same key sets thousands of times (every metadata, every rule): sort each set once.
const sortedKeySets = new Map<string, string[]>();

function sortedKeys(obj: Record<string, unknown>): string[] {
  const keys = Object.keys(obj);
  if (keys.length < 2) return keys;
  const id = keys.join('\u0000');
  let sorted = sortedKeySets.get(id);
  if (!sorted) {
    sorted = [...keys].sort(compareYamlKeys);
    if (sortedKeySets.size > 10000) sortedKeySets.clear();
    sortedKeySets.set(id, sorted);
  }
  return sorted;
}

/** How a JSON number reads back in go-yaml (int, or float printed with 32-bit precision). */
function formatNumber(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e21) return Number.isSafeInteger(x) ? String(x) : BigInt(x).toString();
  const s = formatGoFloat(x, 32);
  return s === '+Inf' ? '.inf' : s === '-Inf' ? '-.inf' : s === 'NaN' ? '.nan' : s;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

// Style decisions depend only on the text and its context; resources repeat the same strings a lot.
// One cache per context (string?, key?, flow?) so lookups need no key building.
const styleCaches: Map<string, Style>[] = Array.from({length: 8}, () => new Map());

/** go-yaml's choice of scalar style (encoder request, then the emitter's select_scalar_style). */
function scalarStyle(text: string, isString: boolean, simpleKey: boolean, inFlow: boolean): Style {
  const styleCache = styleCaches[(isString ? 4 : 0) + (simpleKey ? 2 : 0) + (inFlow ? 1 : 0)];
  const cached = styleCache.get(text);
  if (cached) return cached;
  let style: Style = 'plain';
  if (isString) {
    if (resolvesAsNonString(text) || (/^[-+0-9]/.test(text) && text.includes(':') && BASE60_FLOAT.test(text))) style = 'double';
    else if (text.includes('\n')) style = 'literal';
  }
  const a = analyzeScalar(Array.from(text));
  if (simpleKey && a.multiline) style = 'double';
  if (style === 'plain') {
    if ((inFlow && !a.flowPlain) || (!inFlow && !a.blockPlain)) style = 'single';
    if (text.length === 0 && (inFlow || simpleKey)) style = 'single';
  }
  if (style === 'single' && !a.singleQuoted) style = 'double';
  if (style === 'literal' && (!a.block || inFlow || simpleKey)) style = 'double';
  if (styleCache.size > 50000) styleCache.clear();
  styleCache.set(text, style);
  return style;
}

class Emitter {
  private out = '';
  private column = 0;
  private indent = -1;
  private readonly indents: number[] = [];
  private whitespace = true;
  private indention = true;
  private flowLevel = 0;

  result(): string {
    return this.out;
  }

  private put(s: string): void {
    this.out += s;
    this.column += s.length;
  }

  private putBreak(): void {
    this.out += '\n';
    this.column = 0;
  }

  private writeChar(ch: string): void {
    this.out += ch;
    this.column += 1;
  }

  private writeBreak(ch: string): void {
    if (ch === '\n') this.putBreak();
    else {
      this.out += ch;
      this.column = 0;
    }
  }

  writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    if (this.column < indent) this.put(' '.repeat(indent - this.column));
    this.whitespace = true;
    this.indention = true;
  }

  private writeIndicator(indicator: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.put(indicator);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  private popIndent(): void {
    this.indent = this.indents.pop()!;
  }

  emitNode(v: unknown, mappingContext: boolean, simpleKey: boolean): void {
    if (Array.isArray(v)) {
      if (v.length === 0 || this.flowLevel > 0) return this.emitFlow('[', ']', v.length);
      this.increaseIndent(false, mappingContext && !this.indention);
      for (const item of v) {
        this.writeIndent();
        this.writeIndicator('-', true, false, true);
        this.emitNode(item, false, false);
      }
      this.popIndent();
    } else if (v !== null && typeof v === 'object') {
      const obj = v as Record<string, unknown>;
      const keys = sortedKeys(obj);
      if (keys.length === 0) return this.emitFlow('{', '}', 0);
      this.increaseIndent(false, false);
      for (const key of keys) {
        this.writeIndent();
        const keyChars = Array.from(key);
        const simple = !keyChars.some((c) => isBreakCp(c.codePointAt(0)!)) && Buffer.byteLength(key) <= 128;
        if (simple) {
          this.emitScalar(key, true);
          this.writeIndicator(':', false, false, false);
        } else {
          this.writeIndicator('?', true, false, true);
          this.emitScalar(key, false);
          this.writeIndent();
          this.writeIndicator(':', true, false, true);
        }
        this.emitNode(obj[key], true, false);
      }
      this.popIndent();
    } else {
      this.emitScalar(v, simpleKey);
    }
  }

  /** Only empty collections reach flow style from JSON data. */
  private emitFlow(open: string, close: string, _len: number): void {
    this.writeIndicator(open, true, true, false);
    this.increaseIndent(true, false);
    this.flowLevel++;
    this.flowLevel--;
    this.popIndent();
    this.writeIndicator(close, false, false, false);
  }

  private emitScalar(v: unknown, simpleKey: boolean): void {
    const text =
      v === null || v === undefined ? 'null' : typeof v === 'boolean' ? (v ? 'true' : 'false') : typeof v === 'number' ? formatNumber(v) : String(v);
    const style = scalarStyle(text, typeof v === 'string', simpleKey, this.flowLevel > 0);
    this.increaseIndent(true, false);
    const allowBreaks = !simpleKey;
    // Fast path: printable ASCII that cannot fold (no space beyond column 80) is written in one piece.
    const foldable = allowBreaks && this.column + text.length + 2 > BEST_WIDTH + 1 && text.includes(' ');
    if (!foldable && PRINTABLE_ASCII.test(text) && (style === 'plain' || style === 'single' || (style === 'double' && !/["\\]/.test(text)))) {
      if (style === 'plain') {
        if (!this.whitespace) this.put(' ');
        this.put(text);
      } else {
        const q = style === 'single' ? "'" : '"';
        this.writeIndicator(q, true, false, false);
        this.put(style === 'single' ? text.replace(/'/g, "''") : text);
        this.writeIndicator(q, false, false, false);
      }
      this.whitespace = false;
      this.indention = false;
    } else {
      const chars = Array.from(text);
      switch (style) {
        case 'plain':
          this.writePlain(chars, allowBreaks);
          break;
        case 'single':
          this.writeSingle(chars, allowBreaks);
          break;
        case 'double':
          this.writeDouble(chars, allowBreaks);
          break;
        case 'literal':
          this.writeLiteral(chars);
          break;
      }
    }
    this.popIndent();
  }

  private writePlain(chars: string[], allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ');
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i];
      if (ch === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && chars[i + 1] !== ' ') this.writeIndent();
        else this.writeChar(ch);
        spaces = true;
      } else if (isBreakCp(ch.codePointAt(0)!)) {
        if (!breaks && ch === '\n') this.putBreak();
        this.writeBreak(ch);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.writeChar(ch);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  private writeSingle(chars: string[], allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    const last = chars.length - 1;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i];
      if (ch === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < last && chars[i + 1] !== ' ') this.writeIndent();
        else this.writeChar(ch);
        spaces = true;
      } else if (isBreakCp(ch.codePointAt(0)!)) {
        if (!breaks && ch === '\n') this.putBreak();
        this.writeBreak(ch);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (ch === "'") this.put("'");
        this.writeChar(ch);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeDouble(chars: string[], allowBreaks: boolean): void {
    this.writeIndicator('"', true, false, false);
    let spaces = false;
    const last = chars.length - 1;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i];
      const cp = ch.codePointAt(0)!;
      if (!isPrintableCp(cp) || cp === 0xfeff || isBreakCp(cp) || ch === '"' || ch === '\\') {
        this.put('\\' + doubleQuotedEscape(cp));
        spaces = false;
      } else if (ch === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < last) {
          this.writeIndent();
          if (chars[i + 1] === ' ') this.put('\\');
        } else this.writeChar(ch);
        spaces = true;
      } else {
        this.writeChar(ch);
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeLiteral(chars: string[]): void {
    this.writeIndicator('|', true, false, false);
    const first = chars[0];
    if (first === ' ' || (first !== undefined && isBreakCp(first.codePointAt(0)!))) {
      this.writeIndicator(String(BEST_INDENT), false, false, false);
    }
    let chomp = '';
    const n = chars.length;
    if (n === 0 || !isBreakCp(chars[n - 1].codePointAt(0)!)) chomp = '-';
    else if (n === 1 || isBreakCp(chars[n - 2].codePointAt(0)!)) chomp = '+';
    if (chomp) this.writeIndicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const ch of chars) {
      if (isBreakCp(ch.codePointAt(0)!)) {
        this.writeBreak(ch);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.writeChar(ch);
        this.indention = false;
        breaks = false;
      }
    }
  }
}

function doubleQuotedEscape(cp: number): string {
  switch (cp) {
    case 0x00: return '0';
    case 0x07: return 'a';
    case 0x08: return 'b';
    case 0x09: return 't';
    case 0x0a: return 'n';
    case 0x0b: return 'v';
    case 0x0c: return 'f';
    case 0x0d: return 'r';
    case 0x1b: return 'e';
    case 0x22: return '"';
    case 0x5c: return '\\';
    case 0x85: return 'N';
    case 0xa0: return '_';
    case 0x2028: return 'L';
    case 0x2029: return 'P';
  }
  const hex = cp.toString(16).toUpperCase();
  if (cp <= 0xff) return 'x' + hex.padStart(2, '0');
  if (cp <= 0xffff) return 'u' + hex.padStart(4, '0');
  return 'U' + hex.padStart(8, '0');
}

/** sigs.k8s.io/yaml Marshal of JSON-shaped data (what `calicoctl get -o yaml` prints), ending in a newline. */
export function toGoYaml(value: unknown): string {
  const e = new Emitter();
  e.emitNode(value, false, false);
  e.writeIndent();
  return e.result();
}
