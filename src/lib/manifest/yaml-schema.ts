// A js-yaml schema that resolves plain scalars the way go-yaml v2 does (calicoctl decodes manifests with
// sigs.k8s.io/yaml on top of go-yaml v2). This changes verdicts: `natOutgoing: yes` is a boolean in
// calicoctl, `0777` is octal 511, `1_000` is 1000, `08` is the float 8; js-yaml's YAML 1.2 core schema
// would read the first as a string. Timestamps stay strings: calicoctl turns them back into strings too.
import yaml from 'js-yaml';

const TRUE_WORDS = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSE_WORDS = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const SPECIAL_FLOATS = new Map<string, number>([
  ['.nan', NaN],
  ['.NaN', NaN],
  ['.NAN', NaN],
  ['.inf', Infinity],
  ['.Inf', Infinity],
  ['.INF', Infinity],
  ['+.inf', Infinity],
  ['+.Inf', Infinity],
  ['+.INF', Infinity],
  ['-.inf', -Infinity],
  ['-.Inf', -Infinity],
  ['-.INF', -Infinity],
]);
/** Go's strconv.ParseInt(s, 0, 64) syntax (after go-yaml removed every `_`). */
const GO_INT = /^[+-]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
/** go-yaml v2's yamlStyleFloat. */
const GO_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** go-yaml only tries numbers for plain scalars starting with a digit, a sign or (floats) a dot. */
function startsNumeric(s: string, allowDot = false): boolean {
  const c = s.charCodeAt(0);
  return (c >= 48 && c <= 57) || c === 43 || c === 45 || (allowDot && c === 46);
}

const withoutUnderscores = (s: string): string => (s.includes('_') ? s.replace(/_/g, '') : s);

function goInt(text: string): number | undefined {
  if (!startsNumeric(text)) return undefined;
  const plain = withoutUnderscores(text);
  if (!GO_INT.test(plain)) return undefined;
  const negative = plain[0] === '-';
  const body = plain[0] === '+' || plain[0] === '-' ? plain.slice(1) : plain;
  let value: number;
  if (/^0[xX]/.test(body)) value = parseInt(body.slice(2), 16);
  else if (/^0[oO]/.test(body)) value = parseInt(body.slice(2), 8);
  else if (/^0[bB]/.test(body)) value = parseInt(body.slice(2), 2);
  else if (body.length > 1 && body[0] === '0') value = parseInt(body.slice(1), 8);
  else value = parseInt(body, 10);
  return negative ? -value : value;
}

function goFloat(text: string): number | undefined {
  if (!startsNumeric(text, true)) return undefined;
  const special = SPECIAL_FLOATS.get(text);
  if (special !== undefined) return special;
  if (text[0] === '.') return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(text) ? Number(text) : undefined;
  const plain = withoutUnderscores(text);
  return GO_FLOAT.test(plain) ? Number(plain) : undefined;
}

/** Cheap pre-check (called for every plain scalar): boolean words are 1-5 characters from a few initials. */
const BOOL_INITIALS = new Set(['y', 'Y', 'n', 'N', 't', 'T', 'f', 'F', 'o', 'O']);
const isBoolWord = (data: string | null): boolean =>
  data !== null && data.length <= 5 && BOOL_INITIALS.has(data[0]) && (TRUE_WORDS.has(data) || FALSE_WORDS.has(data));

const boolType = new yaml.Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: isBoolWord,
  construct: (data: string) => TRUE_WORDS.has(data),
  predicate: (v: unknown) => typeof v === 'boolean',
});

const intType = new yaml.Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (data: string | null) => data !== null && goInt(data) !== undefined,
  construct: (data: string) => goInt(data),
  predicate: (v: unknown) => typeof v === 'number' && Number.isInteger(v),
});

const floatType = new yaml.Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (data: string | null) => data !== null && goFloat(data) !== undefined,
  construct: (data: string) => goFloat(data),
  predicate: (v: unknown) => typeof v === 'number',
});

/** go-yaml v2 resolution: null, YAML 1.1 booleans, Go integers, Go floats, merge keys; the rest are strings. */
// js-yaml exports its built-in types at runtime; @types/js-yaml does not declare them.
const builtin = (yaml as unknown as {types: Record<'null' | 'merge', yaml.Type>}).types;

// go-yaml v2 does not reject tags it does not know (`selector: !has(x)` is an unquoted selector that
// YAML reads as the local tag `!has(x)` on an empty scalar): a tagged scalar keeps its text as a string
// and a tagged sequence or mapping is decoded as if untagged.
const unknownLocalTags = (['scalar', 'sequence', 'mapping'] as const).map(
  (kind) =>
    new yaml.Type('!', {
      kind,
      multi: true,
      construct: (data: unknown) => (kind === 'scalar' ? (data ?? '') : data ?? (kind === 'sequence' ? [] : {})),
    }),
);

export const GO_YAML_SCHEMA = yaml.FAILSAFE_SCHEMA.extend({
  implicit: [builtin.null, boolType, intType, floatType, builtin.merge],
  explicit: unknownLocalTags,
});
