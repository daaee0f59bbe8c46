// Go fmt number verbs used by `ipam show`: %.5g and %.f (round half to even).

/** Go's `%.<p>g` for a finite float64. */
export function formatG(x: number, precision = 5): string {
  if (x === 0) return '0';
  // toExponential gives the correctly rounded mantissa; its exponent decides the style (as Go does).
  const [mant, e] = x.toExponential(precision - 1).split('e');
  const e10 = Number(e);
  const strip = (s: string) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
  if (e10 < -4 || e10 >= precision) {
    const digits = String(Math.abs(e10)).padStart(2, '0');
    return `${strip(mant)}e${e10 < 0 ? '-' : '+'}${digits}`;
  }
  return strip(x.toFixed(Math.max(0, precision - 1 - e10)));
}

/** Go's `%.f`: nearest integer, exact halves to even (unlike toFixed). */
export function formatRoundHalfEven(x: number): string {
  const floor = Math.floor(x);
  const diff = x - floor;
  let n: number;
  if (diff === 0.5) n = floor % 2 === 0 ? floor : floor + 1;
  else n = Math.round(x);
  return Object.is(n, -0) ? '-0' : String(n);
}

/** `%.5g (%.f%%)` of n out of capacity, as ipam show prints IPS IN USE / IPS FREE. */
export function formatUsage(n: number, capacity: number): string {
  return `${formatG(n)} (${formatRoundHalfEven((100 * n) / capacity)}%)`;
}
