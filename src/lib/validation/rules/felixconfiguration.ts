// FelixConfiguration semantic rules, in two stages: the Go stage is what calicoctl 3.32's `validate` checks
// beyond schemas/felixconfiguration.json (Calico's Go validator and Go's decoding of durations, ports and
// the like); the CRD stage (`crdRules`) adds what only the CRD's OpenAPI schema
// and CEL rules check. Also exports Go-compatible duration and regexp helpers.
import type {SemanticRule} from '../types.js';
import {parseIP, parseIPOrCIDR} from '../../net/ip.js';
import {checkNamedOrNumericPort, DNS1123_LABEL_MAX, issue, tagFailure, type Issues} from './common.js';

// ---------------------------------------------------------------------------------------------
// Go time.Duration (metav1.Duration is parsed with time.ParseDuration and printed with Duration.String)

const NS_PER_UNIT: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  'µs': 1_000n, // U+00B5
  'μs': 1_000n, // U+03BC
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};
const INT64_MAX = (1n << 63n) - 1n;
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/**
 * time.ParseDuration: nanoseconds, or Go's error text. Follows Go's algorithm (including how a fraction is
 * scaled through float64) so that values print back exactly as Go prints them.
 */
export function parseGoDuration(text: string): bigint | string {
  const invalid = `time: invalid duration "${text}"`;
  let s = text;
  let negative = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    negative = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') return invalid;
  let total = 0n;
  while (s !== '') {
    if (!(s[0] === '.' || isDigit(s[0]))) return invalid;
    let i = 0;
    let whole = 0n;
    while (isDigit(s[i])) {
      whole = whole * 10n + BigInt(s.charCodeAt(i) - 48);
      if (whole > 1n << 63n) return invalid;
      i++;
    }
    const pre = i > 0;
    s = s.slice(i);
    let post = false;
    let fraction = 0n;
    let scale = 1;
    if (s[0] === '.') {
      s = s.slice(1);
      i = 0;
      let overflow = false;
      while (isDigit(s[i])) {
        // Go stops accumulating (but keeps consuming digits) once more precision would overflow.
        if (!overflow) {
          const next = fraction * 10n + BigInt(s.charCodeAt(i) - 48);
          if (fraction > INT64_MAX / 10n || next > INT64_MAX) overflow = true;
          else {
            fraction = next;
            scale *= 10;
          }
        }
        i++;
      }
      post = i > 0;
      s = s.slice(i);
    }
    if (!pre && !post) return invalid;
    i = 0;
    while (i < s.length && s[i] !== '.' && !isDigit(s[i])) i++;
    if (i === 0) return `time: missing unit in duration "${text}"`;
    const unitName = s.slice(0, i);
    s = s.slice(i);
    const unit = NS_PER_UNIT[unitName];
    if (unit === undefined) return `time: unknown unit "${unitName}" in duration "${text}"`;
    if (whole > (1n << 63n) / unit) return invalid;
    let value = whole * unit;
    if (fraction > 0n) {
      value += BigInt(Math.trunc(Number(fraction) * (Number(unit) / scale)));
      if (value > 1n << 63n) return invalid;
    }
    total += value;
    if (total > 1n << 63n) return invalid;
  }
  if (negative) return -total;
  if (total > INT64_MAX) return invalid;
  return total;
}

/** Fraction digits of v / 10^prec without trailing zeros (Go's fmtFrac), and the integer part. */
function splitFraction(v: bigint, prec: number): [bigint, string] {
  const div = 10n ** BigInt(prec);
  const digits = (v % div).toString().padStart(prec, '0').replace(/0+$/, '');
  return [v / div, digits === '' ? '' : `.${digits}`];
}

/** time.Duration.String(): `1h0m0s`, `1m30s`, `1.5s`, `500ms`, `2µs`, `0s`. */
export function formatGoDuration(ns: bigint): string {
  if (ns === 0n) return '0s';
  const sign = ns < 0n ? '-' : '';
  const u = ns < 0n ? -ns : ns;
  if (u < 1_000_000_000n) {
    const [prec, unit] = u < 1_000n ? [0, 'ns'] : u < 1_000_000n ? [3, 'µs'] : [6, 'ms'];
    const [whole, frac] = splitFraction(u, prec);
    return `${sign}${whole}${frac}${unit}`;
  }
  const [totalSeconds, frac] = splitFraction(u, 9);
  const seconds = `${totalSeconds % 60n}${frac}s`;
  const minutes = totalSeconds / 60n;
  if (minutes === 0n) return `${sign}${seconds}`;
  const hours = minutes / 60n;
  if (hours === 0n) return `${sign}${minutes}m${seconds}`;
  return `${sign}${hours}h${minutes % 60n}m${seconds}`;
}

/** metav1.Duration as stored and printed: the Go form of a valid duration, or the input when invalid. */
export function normalizeGoDuration(text: string): string {
  const ns = parseGoDuration(text);
  return typeof ns === 'bigint' ? formatGoDuration(ns) : text;
}

// ---------------------------------------------------------------------------------------------
// Go regexp (RE2) syntax: Calico's `regexp` validator is regexp.Compile, which differs from JavaScript's
// RegExp (no look-around or back-references; (?i) flags, \Q..\E, [[:alpha:]], \z are valid).

const POSIX_CLASSES = new Set(['alnum', 'alpha', 'ascii', 'blank', 'cntrl', 'digit', 'graph', 'lower', 'print', 'punct', 'space', 'upper', 'word', 'xdigit']);
const MAX_REPEAT = 1000;
/** Go rejects parse trees higher than 1000; 1000 nested groups around anything exceed it. */
const MAX_NESTING = 1000;
const GROUP_FLAGS = /\(\?([imsU]*)(?:-([imsU]+))?([:)])/y;
const REPEAT_COUNT = /\{(\d+)(,(\d*))?\}/y;
const isOctal = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '7';
const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9a-fA-F]$/.test(c);
const isAlnum = (c: string): boolean => /^[0-9A-Za-z]$/.test(c);

function unicodeClassExists(name: string): boolean {
  const bare = name.startsWith('^') ? name.slice(1) : name;
  if (bare === 'Any') return true;
  if (!/^[A-Za-z_]+$/.test(bare)) return false;
  const accepts = (body: string): boolean => {
    try {
      new RegExp(`\\p{${body}}`, 'u');
      return true;
    } catch {
      return false;
    }
  };
  // Go knows the one/two-letter general categories and the script names.
  return (/^[A-Z][a-z]?$/.test(bare) && accepts(bare)) || accepts(`Script=${bare}`);
}

interface Scan {
  readonly re: string;
  i: number;
  /** Position of the next `:]` at or after the current class item (-1: none left). */
  nextPosixEnd: number;
}

/** One escape (after the backslash) that stands for a single character; an error text when invalid. */
function scanCharEscape(sc: Scan, start: number): number | string {
  const c = sc.re[sc.i];
  const bad = () => `invalid escape sequence: \`${sc.re.slice(start, sc.i + 1)}\``;
  if (c.charCodeAt(0) < 0x80 && !isAlnum(c)) {
    sc.i++;
    return c.charCodeAt(0);
  }
  if ((c >= '1' && c <= '7' && isOctal(sc.re[sc.i + 1])) || c === '0') {
    // Up to three octal digits; a lone \1-\7 would be a back-reference, which RE2 lacks.
    let j = sc.i;
    let v = 0;
    while (j < sc.i + 3 && isOctal(sc.re[j])) v = v * 8 + Number(sc.re[j++]);
    sc.i = j;
    return v;
  }
  if (c === 'x') {
    if (sc.re[sc.i + 1] === '{') {
      const end = sc.re.indexOf('}', sc.i + 2);
      const hex = end < 0 ? '' : sc.re.slice(sc.i + 2, end);
      if (!/^[0-9a-fA-F]+$/.test(hex) || parseInt(hex, 16) > 0x10ffff) {
        sc.i = end < 0 ? sc.re.length - 1 : end;
        return bad();
      }
      sc.i = end + 1;
      return parseInt(hex, 16);
    }
    if (isHex(sc.re[sc.i + 1]) && isHex(sc.re[sc.i + 2])) {
      sc.i += 3;
      return parseInt(sc.re.slice(sc.i - 2, sc.i), 16);
    }
    return bad();
  }
  const simple: Record<string, number> = {a: 7, f: 12, n: 10, r: 13, t: 9, v: 11};
  if (c in simple) {
    sc.i++;
    return simple[c];
  }
  return bad();
}

/** \pL or \p{Name} after the backslash (sc.i at `p`/`P`). */
function scanUnicodeClass(sc: Scan, start: number): string | undefined {
  let name: string;
  if (sc.re[sc.i + 1] === '{') {
    const end = sc.re.indexOf('}', sc.i + 2);
    if (end < 0) return `invalid character class range: \`${sc.re.slice(start)}\``;
    name = sc.re.slice(sc.i + 2, end);
    sc.i = end + 1;
  } else {
    name = sc.re[sc.i + 1] ?? '';
    sc.i += 2;
  }
  return unicodeClassExists(name) ? undefined : `invalid character class range: \`${sc.re.slice(start, sc.i)}\``;
}

/** A bracketed class starting at sc.i (`[`); advances past the closing `]`. */
function scanClass(sc: Scan): string | undefined {
  const start = sc.i;
  const re = sc.re;
  sc.i++;
  if (re[sc.i] === '^') sc.i++;
  let first = true;
  for (;;) {
    if (sc.i >= re.length) return `missing closing ]: \`${re.slice(start)}\``;
    if (re[sc.i] === ']' && !first) {
      sc.i++;
      return undefined;
    }
    first = false;
    if (re.startsWith('[:', sc.i)) {
      // The next `:]` only moves forward, so remember it (keeps `[[:[[:[[:...` linear).
      if (sc.nextPosixEnd !== -1 && sc.nextPosixEnd < sc.i + 2) sc.nextPosixEnd = re.indexOf(':]', sc.i + 2);
      const end = sc.nextPosixEnd;
      if (end >= 0) {
        const name = re.slice(sc.i + 2, end).replace(/^\^/, '');
        if (!POSIX_CLASSES.has(name)) return `invalid character class range: \`${re.slice(sc.i, end + 2)}\``;
        sc.i = end + 2;
        continue;
      }
    }
    // One class item: a Perl/Unicode class, or a character optionally starting a range.
    const itemStart = sc.i;
    const readChar = (): number | string | null => {
      if (re[sc.i] !== '\\') {
        const cp = re.codePointAt(sc.i)!;
        sc.i += cp > 0xffff ? 2 : 1;
        return cp;
      }
      const escStart = sc.i;
      sc.i++;
      if (sc.i >= re.length) return 'trailing backslash at end of expression: ``';
      const c = re[sc.i];
      if ('dDsSwW'.includes(c)) {
        sc.i++;
        return null;
      }
      if (c === 'p' || c === 'P') return scanUnicodeClass(sc, escStart) ?? null;
      return scanCharEscape(sc, escStart);
    };
    const lo = readChar();
    if (typeof lo === 'string') return lo;
    if (lo === null) continue;
    if (re[sc.i] === '-' && sc.i + 1 < re.length && re[sc.i + 1] !== ']') {
      sc.i++;
      const hi = readChar();
      if (typeof hi === 'string') return hi;
      if (hi !== null && hi < lo) return `invalid character class range: \`${re.slice(itemStart, sc.i)}\``;
    }
  }
}

/** Why Go's regexp.Compile rejects the pattern (Go's wording), or undefined when it compiles. */
export function goRegexpError(re: string): string | undefined {
  const sc: Scan = {re, i: 0, nextPosixEnd: -2};
  const openGroups: number[] = [];
  const groupNames = new Set<string>();
  let operand = false; // the previous item can take a repetition operator
  let repeatStart = -1; // start of the repetition operator just read, for "a**"
  let maxDepth = 0;
  while (sc.i < re.length) {
    maxDepth = Math.max(maxDepth, openGroups.length);
    const c = re[sc.i];
    const at = sc.i;
    let isRepeat = false;
    if (c === '(') {
      // Positions rather than slices of the rest, so long patterns are scanned in linear time.
      if (re.startsWith('(?P<', at) || re.startsWith('(?<', at)) {
        const end = re.indexOf('>', at);
        const name = end < 0 ? '' : re.slice(at + (re.startsWith('(?P<', at) ? 4 : 3), end);
        if (end < 0 || !/^[A-Za-z0-9_]+$/.test(name)) return `invalid named capture: \`${re.slice(at, end < 0 ? undefined : end + 1)}\``;
        if (groupNames.has(name)) return `duplicate capture group name: \`${name}\``;
        groupNames.add(name);
        openGroups.push(at);
        sc.i = end + 1;
        operand = false;
      } else if (re.startsWith('(?', at)) {
        GROUP_FLAGS.lastIndex = at;
        const flags = GROUP_FLAGS.exec(re);
        if (!flags) return `invalid or unsupported Perl syntax: \`${re.slice(at, at + 3)}\``;
        sc.i += flags[0].length;
        if (flags[3] === ':') openGroups.push(at);
        operand = false;
      } else {
        openGroups.push(at);
        sc.i++;
        operand = false;
      }
    } else if (c === ')') {
      if (openGroups.pop() === undefined) return `unexpected ): \`${re}\``;
      sc.i++;
      operand = true;
    } else if (c === '|') {
      sc.i++;
      operand = false;
    } else if (c === '*' || c === '+' || c === '?' || c === '{') {
      let end = at + 1;
      if (c === '{') {
        REPEAT_COUNT.lastIndex = at;
        const m = REPEAT_COUNT.exec(re);
        const noLeadingZero = (t: string | undefined) => t === undefined || t === '' || !/^0\d/.test(t);
        if (!m || !noLeadingZero(m[1]) || !noLeadingZero(m[3])) {
          // Not a valid repeat: a literal brace.
          sc.i++;
          operand = true;
          repeatStart = -1;
          continue;
        }
        const min = Number(m[1]);
        const max = m[2] === undefined ? min : m[3] === '' ? -1 : Number(m[3]);
        if (min > MAX_REPEAT || max > MAX_REPEAT || (max >= 0 && min > max)) {
          return `invalid repeat count: \`${m[0]}\``;
        }
        end = at + m[0].length;
      }
      if (re[end] === '?') end++;
      if (repeatStart >= 0) return `invalid nested repetition operator: \`${re.slice(repeatStart, end)}\``;
      if (!operand) return `missing argument to repetition operator: \`${re.slice(at, end)}\``;
      sc.i = end;
      isRepeat = true;
      repeatStart = at;
    } else if (c === '[') {
      const err = scanClass(sc);
      if (err) return err;
      operand = true;
    } else if (c === '\\') {
      sc.i++;
      if (sc.i >= re.length) return 'trailing backslash at end of expression: ``';
      const e = re[sc.i];
      if ('AzbBdDsSwW'.includes(e)) sc.i++;
      else if (e === 'Q') {
        const end = re.indexOf('\\E', sc.i + 1);
        sc.i = end < 0 ? re.length : end + 2;
      } else if (e === 'p' || e === 'P') {
        const err = scanUnicodeClass(sc, at);
        if (err) return err;
      } else {
        const r = scanCharEscape(sc, at);
        if (typeof r === 'string') return r;
      }
      operand = true;
    } else {
      sc.i += (re.codePointAt(at) ?? 0) > 0xffff ? 2 : 1;
      operand = true;
    }
    if (!isRepeat) repeatStart = -1;
  }
  if (openGroups.length > 0) return `missing closing ): \`${re}\``;
  if (maxDepth >= MAX_NESTING) return `expression nests too deeply: \`${re}\``;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// CRD stage: the checks only the CRDs make (OpenAPI enum/pattern/range/length, CEL rules). Calico applies
// them to the object as Go marshals it, so values are compared in their Go-printed form.

/** One CRD OpenAPI constraint on a field. */
export interface CRDConstraint {
  enum?: readonly string[];
  /** The pattern as the CRD writes it (Go RE2 syntax), for messages. */
  pattern?: string;
  /** The same pattern as a JavaScript RegExp. */
  regex?: RegExp;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  /**
   * The Go field is a pointer, so an empty string is still encoded and checked. For plain string fields
   * `omitempty` drops "" before the CRD sees it.
   */
  pointer?: boolean;
}

/** CRD OpenAPI checks of one value (already in its Go-encoded form); kube-openapi's reasons. */
export function crdConstraintIssues(value: unknown, c: CRDConstraint, path: string): Issues {
  if (value === undefined || (value === '' && !c.pointer)) return [];
  const out: Issues = [];
  if (c.enum && typeof value === 'string' && !c.enum.includes(value)) {
    out.push(issue(path, `Unsupported value: ${JSON.stringify(value)}: supported values: ${c.enum.map((v) => JSON.stringify(v)).join(', ')}`, value));
  }
  if (c.regex && typeof value === 'string' && !c.regex.test(value)) out.push(issue(path, `should match '${c.pattern}'`, value));
  if (c.maxLength !== undefined && typeof value === 'string' && [...value].length > c.maxLength) {
    out.push(issue(path, `Too long: may not be more than ${c.maxLength} characters`, value));
  }
  if (c.minimum !== undefined && typeof value === 'number' && value < c.minimum) {
    out.push(issue(path, `should be greater than or equal to ${c.minimum}`, value));
  }
  if (c.maximum !== undefined && typeof value === 'number' && value > c.maximum) {
    out.push(issue(path, `should be less than or equal to ${c.maximum}`, value));
  }
  return out;
}

const enumOf = (values: readonly string[], pointer = false): CRDConstraint => ({enum: values, pointer});
/** A CRD pattern written `^(?i)(A|B)?$`: case-insensitive alternatives (RE2's (?i) is a JS flag). */
function caseInsensitive(...words: string[]): CRDConstraint {
  return {pattern: `^(?i)(${words.join('|')})?$`, regex: new RegExp(`^(${words.join('|')})?$`, 'i')};
}
const ENABLED_DISABLED = ['Enabled', 'Disabled'] as const;

/**
 * The duration pattern most Felix durations carry in the CRD: `^([0-9]+(\\.[0-9]+)?(ms|s|m|h))*$`. The
 * doubled backslash is a literal backslash, so a Go-printed value with a fraction (`1500ms` prints as
 * `1.5s`), micro- or nanoseconds, or a minus sign does not match.
 */
const CRD_DURATION_ESCAPED_DOT: CRDConstraint = {pattern: '^([0-9]+(\\\\.[0-9]+)?(ms|s|m|h))*$', regex: /^([0-9]+(\\.[0-9]+)?(ms|s|m|h))*$/};
/** BPF conntrack timeouts (plain strings). Rewritten without nested ambiguity so matching stays linear. */
const CRD_CONNTRACK_TIMEOUT: CRDConstraint = {
  pattern: '^(([0-9]*(\\.[0-9]*)?(ms|s|h|m|us)+)+|Auto)$',
  regex: /^(?:[0-9]*(?:\.[0-9]*)?(?:[msh]|us)+(?:(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]*)(?:[msh]|us)+)*|Auto)$/,
  pointer: true,
};

/** FelixConfigurationSpec fields the CRD constrains beyond what Calico's Go validator checks. */
const FELIX_CRD_CONSTRAINTS: Record<string, CRDConstraint> = {
  nodeSelector: {maxLength: 1024, pointer: true},
  featureDetectOverride: {
    pattern: '^([a-zA-Z0-9-_]+=(true|false|),)*([a-zA-Z0-9-_]+=(true|false|))?$',
    regex: /^([a-zA-Z0-9\-_]+=(true|false|),)*([a-zA-Z0-9\-_]+=(true|false|))?$/,
  },
  featureGates: {
    pattern: '^([a-zA-Z0-9-_]+=([^=]+),)*([a-zA-Z0-9-_]+=([^=]+))?$',
    regex: /^([a-zA-Z0-9\-_]+=([^=]+),)*([a-zA-Z0-9\-_]+=([^=]+))?$/,
  },
  iptablesBackend: enumOf(['Legacy', 'NFT', 'Auto'], true),
  chainInsertMode: caseInsensitive('Insert', 'Append'),
  logPrefix: {pattern: '^([a-zA-Z0-9%: /_-])*$', regex: /^([a-zA-Z0-9%: /_-])*$/},
  logActionRateLimit: {pattern: '^[1-9]\\d{0,3}/(?:second|minute|hour|day)$', regex: /^[1-9]\d{0,3}\/(?:second|minute|hour|day)$/, pointer: true},
  logActionRateLimitBurst: {minimum: 0, maximum: 9999},
  programClusterRoutes: enumOf(ENABLED_DISABLED, true),
  ipForwarding: enumOf(ENABLED_DISABLED),
  nftablesMode: enumOf(['Disabled', 'Enabled', 'Auto'], true),
  bpfMapSizeConntrackScaling: caseInsensitive('Disabled', 'DoubleIfFull'),
  bpfEnforceRPF: caseInsensitive('Disabled', 'Strict', 'Loose'),
  istioAmbientMode: enumOf(ENABLED_DISABLED, true),
  flowLogsPolicyEvaluationMode: enumOf(['None', 'Continuous'], true),
  bpfRedirectToPeer: enumOf(ENABLED_DISABLED),
  flowLogsLocalReporter: enumOf(['Disabled', 'Enabled'], true),
  bpfProfiling: enumOf(ENABLED_DISABLED),
  routeSource: caseInsensitive('WorkloadIPs', 'CalicoIPAM'),
  floatingIPs: enumOf(ENABLED_DISABLED, true),
  liveMigrationRouteConvergenceTime: {pattern: '^([0-9]+(\\.[0-9]+)?(ms|s|m|h))*$', regex: /^([0-9]+(\.[0-9]+)?(ms|s|m|h))*$/},
  ...Object.fromEntries(
    [
      'routeRefreshInterval',
      'interfaceRefreshInterval',
      'iptablesRefreshInterval',
      'iptablesPostWriteCheckInterval',
      'iptablesLockProbeInterval',
      'ipsetsRefreshInterval',
      'xdpRefreshInterval',
      'netlinkTimeout',
      'reportingInterval',
      'reportingTTL',
      'endpointReportingDelay',
      'usageReportingInitialDelay',
      'usageReportingInterval',
      'debugSimulateCalcGraphHangAfter',
      'debugSimulateDataplaneHangAfter',
      'debugSimulateDataplaneApplyDelay',
      'bpfKubeProxyMinSyncPeriod',
      'flowLogsFlushInterval',
      'wireguardKeepAlive',
    ].map((field) => [field, CRD_DURATION_ESCAPED_DOT]),
  ),
};
/** Fields of metav1.Duration type: the CRD sees them as Go prints them. */
const FELIX_DURATION_FIELDS = new Set([
  ...Object.keys(FELIX_CRD_CONSTRAINTS).filter((f) => FELIX_CRD_CONSTRAINTS[f] === CRD_DURATION_ESCAPED_DOT),
  'liveMigrationRouteConvergenceTime',
  'dataplaneWatchdogTimeout',
  'nftablesRefreshInterval',
]);

type Spec = Record<string, any>;

/** The CRD-only checks of a FelixConfiguration (see `crdRules`). */
export function felixCRDIssues(name: string, spec: Spec | undefined): Issues {
  const out: Issues = [];
  if (!spec || typeof spec !== 'object') return out;
  // CEL on the resource: selector scoping is only for names other than `default` and `node.*`.
  if ((name === 'default' || name.startsWith('node.')) && spec.nodeSelector !== undefined) {
    out.push(issue('spec.nodeSelector', "nodeSelector must not be set on the 'default' or per-node ('node.*') FelixConfiguration", spec.nodeSelector));
  }
  for (const [field, constraint] of Object.entries(FELIX_CRD_CONSTRAINTS)) {
    let value = spec[field];
    if (FELIX_DURATION_FIELDS.has(field) && typeof value === 'string') {
      const ns = parseGoDuration(value);
      if (typeof ns !== 'bigint') continue; // a decoding error, reported by the Go stage
      value = formatGoDuration(ns);
    }
    out.push(...crdConstraintIssues(value, constraint, `spec.${field}`));
  }
  for (const [field, value] of Object.entries((spec.bpfConntrackTimeouts as Record<string, string> | undefined) ?? {})) {
    out.push(...crdConstraintIssues(value, CRD_CONNTRACK_TIMEOUT, `spec.bpfConntrackTimeouts.${field}`));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Go stage: Calico's validator (field tags and validateFelixConfigSpec) and Go's decoding of the values.

// JSON name -> Go field name (Calico's messages name the Go field).
const REGEXP_FIELDS = {
  logDebugFilenameRegex: 'LogDebugFilenameRegex',
  mtuIfacePattern: 'MTUIfacePattern',
  bpfDataIfacePattern: 'BPFDataIfacePattern',
  bpfL3IfacePattern: 'BPFL3IfacePattern',
  bpfDisableGROForIfaces: 'BPFDisableGROForIfaces',
};
const CIDR_LIST_FIELDS = {bpfDSROptoutCIDRs: 'BPFDSROptoutCIDRs', bpfExcludeCIDRsFromNAT: 'BPFExcludeCIDRsFromNAT'};
const KEY_VALUE_LIST_FIELDS = {featureDetectOverride: 'FeatureDetectOverride', featureGates: 'FeatureGates'};
const MAX_NODE_PORT_RANGES = 7;
const HEALTH_TIMEOUT_NAME_REGEX = '^[a-zA-Z0-9_ -]+$';
const ROUTE_TABLE_MAX_LINUX = 0xffffffff;
const ROUTE_TABLE_RANGE_MAX_TABLES = 0xffff;
const OPENSTACK_REGION_MAX = DNS1123_LABEL_MAX - 'openstack-region-'.length;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const INTERFACE_NAME = /^[a-zA-Z0-9_.-]{1,15}$/;
// Go's \s is ASCII whitespace only.
const KEY_VALUE_ITEM = /^[\t\n\f\r ]*(\w+)=(.*)$/;

/** numorstring.Port decode plus the Port struct and `portName` validators. */
function checkIPAddress(spec: Spec, field: string, family: 4 | 6, out: Issues): void {
  const value = spec[field];
  if (typeof value !== 'string' || value === '') return;
  if (parseIP(value)?.family !== family) out.push(issue(`spec.${field}`, `is not a valid IPv${family} address`, value));
}

function checkRouteTables(spec: Spec, out: Issues): void {
  const single = spec.routeTableRange as {min?: number; max?: number} | undefined;
  const ranges = spec.routeTableRanges as Array<{min?: number; max?: number}> | undefined;
  if (single !== undefined) {
    const min = single.min ?? 0;
    const max = single.max ?? 0;
    if (!(min >= 1 && max >= min && max <= 250)) {
      out.push(issue('spec.routeTableRange', 'must be a range of route table indices within 1..250', `${min}-${max}`));
    }
  }
  if (ranges !== undefined) {
    let tables = 0;
    for (const [i, r] of ranges.entries()) {
      const min = r.min ?? 0;
      const max = r.max ?? 0;
      const at = `spec.routeTableRanges[${i}]`;
      if (min > max) out.push(issue(at, 'min value cannot be greater than max value', `${min}-${max}`));
      if (min <= 0) out.push(issue(at, 'cannot target indices < 1', `${min}-${max}`));
      if (max > ROUTE_TABLE_MAX_LINUX) out.push(issue(at, 'max index too high', `${min}-${max}`));
      tables += max - min + 1;
    }
    if (tables > ROUTE_TABLE_RANGE_MAX_TABLES) out.push(issue('spec.routeTableRanges', 'targets too many tables'));
  }
  if (single !== undefined && ranges !== undefined) {
    out.push(issue('spec.routeTableRange', 'cannot be set when `RouteTableRanges` is also set'));
  }
}

function goIssues(spec: Spec): Issues {
  const out: Issues = [];
  // The schema checked the duration syntax; Go also rejects values beyond ~292 years.
  for (const field of FELIX_DURATION_FIELDS) {
    const value = spec[field];
    if (typeof value !== 'string') continue;
    const ns = parseGoDuration(value);
    if (typeof ns === 'string') out.push(issue(`spec.${field}`, ns, value));
  }

  for (const [i, o] of ((spec.healthTimeoutOverrides as Array<{name?: string; timeout?: string}> | undefined) ?? []).entries()) {
    // An absent name decodes as "", which the name pattern rejects (the schema only sees present values).
    if (o.name === undefined) out.push(issue(`spec.healthTimeoutOverrides[${i}].name`, `name should match regex ${HEALTH_TIMEOUT_NAME_REGEX}`));
    if (typeof o.timeout !== 'string') continue;
    const ns = parseGoDuration(o.timeout);
    if (typeof ns === 'string') out.push(issue(`spec.healthTimeoutOverrides[${i}].timeout`, ns, o.timeout));
    else if (ns < 0n) out.push(issue(`spec.healthTimeoutOverrides[${i}].timeout`, 'Timeout should not be negative', o.timeout));
  }

  for (const [field, goName] of Object.entries(KEY_VALUE_LIST_FIELDS)) {
    const value = spec[field];
    if (typeof value !== 'string' || value.trim() === '') continue;
    const bad = value.split(',').find((item) => item !== '' && !KEY_VALUE_ITEM.test(item));
    if (bad !== undefined) {
      out.push(issue(`spec.${field}`, `${tagFailure(goName, 'keyValueList')}: "${bad}" is not key=value (keys are letters, digits and _)`, value));
    }
  }

  for (const [field, goName] of Object.entries(REGEXP_FIELDS)) {
    const value = spec[field];
    if (typeof value !== 'string' || value === '') continue;
    const err = goRegexpError(value);
    if (err) out.push(issue(`spec.${field}`, `${tagFailure(goName, 'regexp')}: error parsing regexp: ${err}`, value));
  }
  // Calico's `routeSource` tag only checks that the value compiles as a regexp.
  if (typeof spec.routeSource === 'string' && spec.routeSource !== '' && goRegexpError(spec.routeSource)) {
    out.push(issue('spec.routeSource', tagFailure('RouteSource', 'routeSource'), spec.routeSource));
  }

  for (const [field, goName] of Object.entries(CIDR_LIST_FIELDS)) {
    for (const [i, cidr] of ((spec[field] as string[] | undefined) ?? []).entries()) {
      if (!parseIPOrCIDR(cidr)) out.push(issue(`spec.${field}[${i}]`, `${tagFailure(goName, 'cidrs')}: not an IP address or CIDR`, cidr));
    }
  }

  // calicoctl 3.32 applies its CIDR-list validator to this integer field, which fails for every value.
  if (spec.bpfExportBufferSizeMB !== undefined) {
    out.push(issue('spec.bpfExportBufferSizeMB', 'rejected by Calico v3.32: its validator treats this field as a CIDR list', spec.bpfExportBufferSizeMB));
  }

  // Keys are interface names ('all', 'weps' and 'heps' included).
  for (const key of Object.keys((spec.bpfLogFilters as Record<string, string> | undefined) ?? {})) {
    if (!INTERFACE_NAME.test(key)) out.push(issue(`spec.bpfLogFilters[${JSON.stringify(key)}]`, `${tagFailure('BPFLogFilters', 'bpfLogFilters')}: "${key}" is not an interface name`, key));
  }

  const nodePortRanges = spec.kubeNodePortRanges as Array<number | string> | undefined;
  if (nodePortRanges !== undefined) {
    if (nodePortRanges.length > MAX_NODE_PORT_RANGES) {
      out.push(issue('spec.kubeNodePortRanges', `node port ranges list is too long (max ${MAX_NODE_PORT_RANGES})`));
    }
    for (const [i, p] of nodePortRanges.entries()) {
      const port = checkNamedOrNumericPort(p, `spec.kubeNodePortRanges[${i}]`, out);
      if (port && port.portName !== '') out.push(issue(`spec.kubeNodePortRanges[${i}]`, 'node port ranges should not contain named ports', p));
    }
  }
  for (const field of ['natPortRange', 'bpfPSNATPorts']) {
    if (spec[field] !== undefined) checkNamedOrNumericPort(spec[field], `spec.${field}`, out);
  }

  for (const [i, cidr] of ((spec.externalNodesList as string[] | undefined) ?? []).entries()) {
    const parsed = parseIPOrCIDR(cidr);
    if (!parsed) out.push(issue(`spec.externalNodesList[${i}]`, 'has invalid CIDR(s)', cidr));
    else if (parsed.ip.family !== 4) out.push(issue(`spec.externalNodesList[${i}]`, 'has invalid IPv6 CIDR', cidr));
  }

  const region = spec.openstackRegion;
  if (typeof region === 'string' && region !== '') {
    if (Buffer.byteLength(region, 'utf8') > OPENSTACK_REGION_MAX) out.push(issue('spec.openstackRegion', 'is too long', region));
    else if (!DNS1123_LABEL.test(region)) out.push(issue('spec.openstackRegion', 'must be a valid DNS label', region));
  }

  checkIPAddress(spec, 'natOutgoingAddress', 4, out);
  checkIPAddress(spec, 'deviceRouteSourceAddress', 4, out);
  checkIPAddress(spec, 'deviceRouteSourceAddressIPv6', 6, out);
  checkRouteTables(spec, out);
  return out;
}

export const rules: SemanticRule = (resource) => {
  const spec = resource.spec;
  if (!spec || typeof spec !== 'object') return [];
  return goIssues(spec);
};

/** The CRD-only checks, run by the orchestrator with `crdRules` (see src/lib/validation/index.ts). */
export const crdRules: SemanticRule = (resource) => {
  const spec = resource.spec;
  if (!spec || typeof spec !== 'object') return [];
  return felixCRDIssues(String(resource.metadata?.name ?? ''), spec);
};
