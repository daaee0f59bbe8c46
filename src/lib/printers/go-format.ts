// Go's text rendering of values (fmt `%v`, strconv 'g'), as calicoctl's tables and templates print them.
// Pure and dependency-free: kind descriptors import it for their table columns.

/** Shortest decimal digits and exponent of x that read back as the same float64 (or float32). */
function shortestDigits(x: number, bits: 32 | 64): {digits: string; exp: number} {
  const target = bits === 32 ? Math.fround(x) : x;
  let text = Math.abs(target).toExponential();
  if (bits === 32) {
    for (let p = 0; p < 17; p++) {
      const candidate = Math.abs(target).toExponential(p);
      if (Math.fround(Number(candidate)) === Math.abs(target)) {
        text = candidate;
        break;
      }
    }
  }
  const [mantissa, e] = text.split('e');
  return {digits: mantissa.replace('.', ''), exp: Number(e)};
}

/** strconv.FormatFloat(x, 'g', -1, bits): `%e` when the exponent is < -4 or >= 6 (shortest precision rule). */
export function formatGoFloat(x: number, bits: 32 | 64 = 64): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const sign = x < 0 ? '-' : '';
  const {digits, exp} = shortestDigits(x, bits);
  if (exp < -4 || exp >= 6) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const absExp = Math.abs(exp);
    return `${sign}${mant}e${exp < 0 ? '-' : '+'}${absExp < 10 ? '0' : ''}${absExp}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return sign + digits + '0'.repeat(exp + 1 - digits.length);
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

/** Go `%v` of an integer-typed JSON number (decimal) or a float-typed one ('g'). */
export function formatGoNumber(x: number, isFloat: boolean): string {
  if (isFloat || !Number.isInteger(x)) return formatGoFloat(x);
  return Number.isSafeInteger(x) ? String(x) : BigInt(x).toString();
}

/** Go `%v` of a JSON value: nil → `<nil>`, slices `[a b]`, maps `map[k:v]` (sorted), structs `{a b}`. */
export function formatGoValue(v: unknown, asMap = false): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return formatGoNumber(v, false);
  if (Array.isArray(v)) return `[${v.map((x) => formatGoValue(x)).join(' ')}]`;
  const obj = v as Record<string, unknown>;
  if (asMap) {
    const keys = Object.keys(obj).sort();
    return `map[${keys.map((k) => `${k}:${formatGoValue(obj[k])}`).join(' ')}]`;
  }
  return `{${Object.values(obj).map((x) => formatGoValue(x)).join(' ')}}`;
}

/**
 * calicoctl's `joinAndTruncate` template function: nil → ""; a map → sorted `k=v` items; a scalar → one
 * item. Items are joined with sep; once the text exceeds maxLen bytes it is cut to maxLen-3 and `...`
 * appended. maxLen 0 = no limit (`join`).
 */
export function joinAndTruncate(items: unknown, sep: string, maxLen = 0, isMap = false): string {
  if (items === null || items === undefined) return '';
  let list: unknown[];
  if (isMap && typeof items === 'object' && !Array.isArray(items)) {
    list = Object.entries(items as Record<string, unknown>)
      .map(([k, v]) => `${k}=${formatGoValue(v)}`)
      .sort(compareGoStrings);
  } else list = Array.isArray(items) ? items : [items];
  let buf = Buffer.alloc(0);
  const parts: Buffer[] = [];
  let len = 0;
  for (let i = 0; i < list.length; i++) {
    const piece = Buffer.from((i > 0 ? sep : '') + formatGoValue(list[i]), 'utf8');
    parts.push(piece);
    len += piece.length;
    if (maxLen > 0 && len > maxLen) {
      buf = Buffer.concat(parts).subarray(0, maxLen - 3);
      return buf.toString('utf8') + '...';
    }
  }
  return Buffer.concat(parts).toString('utf8');
}

export function join(items: unknown, sep: string, isMap = false): string {
  return joinAndTruncate(items, sep, 0, isMap);
}

/** Go's string ordering (bytewise on UTF-8), which differs from JS for astral characters. */
export function compareGoStrings(a: string, b: string): number {
  if (a === b) return 0;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Go's `%q` of a string (strconv.Quote): printable Unicode kept, escapes for the rest. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\x07':
        out += '\\a';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '\v':
        out += '\\v';
        continue;
    }
    if (cp < 0x20 || cp === 0x7f) out += '\\x' + cp.toString(16).padStart(2, '0');
    else if (cp >= 0x80 && cp < 0xa0) out += '\\u' + cp.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}
