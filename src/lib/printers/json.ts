// JSON exactly as calicoctl prints it: Go json.MarshalIndent(v, "", "  ") of the typed objects. Field order
// is the caller's job (Go struct order, see codec/go-order); here only Go's escaping differs from JSON.stringify:
// `<`, `>`, `&`, U+2028 and U+2029 are written as \u escapes. No trailing newline, as calicoctl.

const GO_HTML_ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/** Go's MarshalIndent with two spaces; nil/undefined → `null`. */
export function toGoJson(value: unknown): string {
  const text = JSON.stringify(value ?? null, null, 2);
  // Keys and string values are the only places these characters can occur; escaping them is unambiguous.
  return text.replace(/[<>&\u2028\u2029]/g, (c) => GO_HTML_ESCAPES[c]);
}
