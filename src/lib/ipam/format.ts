// Go fmt number verbs used by `ipam show`: %.5g and %.f (round half to even).

/** Significant digits of |x| rounded to `precision` digits (exact halves to even, as Go) and the decimal exponent. */
function roundSignificant(x: number, precision: number): {digits: string; exp: number} {
  if (Number.isInteger(x)) {
    // Integer-valued floats (every IPAM count and capacity) are exact as BigInt: round their decimal digits.
    const all = BigInt(Math.abs(x)).toString();
    if (all.length <= precision) return {digits: all, exp: all.length - 1};
    let head = BigInt(all.slice(0, precision));
    const rest = all.slice(precision);
    const half = '5' + '0'.repeat(rest.length - 1);
    if (rest > half || (rest === half && head % 2n === 1n)) head += 1n;
    let exp = all.length - 1;
    let digits = head.toString();
    if (digits.length > precision) {
      digits = digits.slice(0, precision);
      exp += 1;
    }
    return {digits, exp};
  }
  const [mant, e] = Math.abs(x).toExponential(precision - 1).split('e');
  return {digits: mant.replace('.', ''), exp: Number(e)};
}

/** Go's `%.<p>g` for a finite float64. */
export function formatG(x: number, precision = 5): string {
  if (x === 0) return '0';
  const sign = x < 0 ? '-' : '';
  const {digits, exp} = roundSignificant(x, precision);
  const trimmed = digits.replace(/0+$/, '') || '0';
  if (exp < -4 || exp >= precision) {
    const mant = trimmed.length > 1 ? `${trimmed[0]}.${trimmed.slice(1)}` : trimmed;
    return `${sign}${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${trimmed}`;
  const intPart = trimmed.slice(0, exp + 1).padEnd(exp + 1, '0');
  const frac = trimmed.slice(exp + 1);
  return sign + intPart + (frac ? `.${frac}` : '');
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
