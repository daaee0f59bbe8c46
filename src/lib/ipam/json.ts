// Lossless JSON for IPAM values. Block sequence numbers are nanosecond timestamps (~1.7e18), beyond
// JavaScript's safe integers, so integers outside the safe range are read as BigInt and written back
// digit for digit. Output follows Go's encoding/json: compact or MarshalIndent layout, `<`, `>`, `&`,
// U+2028 and U+2029 escaped, struct fields in insertion order and map keys sorted (wrap maps in GoMap).

/** Object members that are undefined are omitted on output (Go omitempty). */
export type JsonValue = null | boolean | number | bigint | string | JsonValue[] | GoMap | {[key: string]: JsonValue | undefined};

/** A Go map: its keys are written sorted bytewise, as encoding/json does for every map. */
export class GoMap {
  constructor(readonly entries: Readonly<Record<string, JsonValue>>) {}
}

class JsonSyntaxError extends Error {}

/** Parses JSON text; integers that are not safe JS numbers become BigInt, everything else as JSON.parse. */
export function parseJson(text: string): JsonValue {
  let i = 0;
  const fail = (what: string): never => {
    throw new JsonSyntaxError(`invalid JSON: ${what} at offset ${i}`);
  };
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  };
  const value = (): JsonValue => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const obj: Record<string, JsonValue> = {};
      ws();
      if (text[i] === '}') {
        i++;
        return obj;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a key');
        const key = string();
        ws();
        if (text[i++] !== ':') fail('expected ":"');
        // defineProperty so a "__proto__" key stays data.
        Object.defineProperty(obj, key, {value: value(), enumerable: true, writable: true, configurable: true});
        ws();
        const sep = text[i++];
        if (sep === '}') return obj;
        if (sep !== ',') fail('expected "," or "}"');
      }
    }
    if (c === '[') {
      i++;
      const arr: JsonValue[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value());
        ws();
        const sep = text[i++];
        if (sep === ']') return arr;
        if (sep !== ',') fail('expected "," or "]"');
      }
    }
    if (c === '"') return string();
    if (text.startsWith('true', i)) {
      i += 4;
      return true;
    }
    if (text.startsWith('false', i)) {
      i += 5;
      return false;
    }
    if (text.startsWith('null', i)) {
      i += 4;
      return null;
    }
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) return fail('unexpected character');
    i += m[0].length;
    if (m[2] === undefined && m[3] === undefined) {
      const n = Number(m[0]);
      return Number.isSafeInteger(n) ? n : BigInt(m[0]);
    }
    return Number(m[0]);
  };
  const string = (): string => {
    const start = i;
    i++;
    let simple = true;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') {
        simple = false;
        i++;
      }
      i++;
    }
    if (i >= text.length) fail('unterminated string');
    i++;
    const raw = text.slice(start, i);
    return simple ? raw.slice(1, -1) : (JSON.parse(raw) as string);
  };
  const v = value();
  ws();
  if (i !== text.length) fail('trailing data');
  return v;
}

function quote(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Go's json.Marshal (indent undefined) or json.MarshalIndent(v, "", indent). */
export function stringifyJson(v: JsonValue, indent?: string): string {
  const nl = (depth: number) => (indent === undefined ? '' : '\n' + indent.repeat(depth));
  const colon = indent === undefined ? ':' : ': ';
  const write = (x: JsonValue, depth: number): string => {
    if (x === null) return 'null';
    if (typeof x === 'bigint') return x.toString();
    if (typeof x === 'number') return Number.isFinite(x) ? JSON.stringify(x) : 'null';
    if (typeof x === 'boolean') return x ? 'true' : 'false';
    if (typeof x === 'string') return quote(x);
    if (Array.isArray(x)) {
      if (x.length === 0) return '[]';
      return '[' + x.map((e) => nl(depth + 1) + write(e, depth + 1)).join(',') + nl(depth) + ']';
    }
    let entries: [string, JsonValue | undefined][];
    if (x instanceof GoMap) {
      const keys = Object.keys(x.entries).sort(compareBytes);
      entries = keys.map((k) => [k, x.entries[k]]);
    } else {
      entries = Object.entries(x).filter(([, e]) => e !== undefined);
    }
    if (entries.length === 0) return '{}';
    return '{' + entries.map(([k, e]) => nl(depth + 1) + quote(k) + colon + write(e as JsonValue, depth + 1)).join(',') + nl(depth) + '}';
  };
  return write(v, 0);
}

/** Bytewise (UTF-8) string order, Go's sort.Strings. */
export function compareBytes(a: string, b: string): number {
  if (a === b) return 0;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

export function isJsonObject(v: JsonValue | undefined): v is {[key: string]: JsonValue | undefined} {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof GoMap);
}
