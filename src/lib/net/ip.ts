// IPv4/IPv6 addresses and CIDRs as Go's net package parses and prints them (values are BigInts so
// IPv6 maths is exact). Used by validation, datastore defaulting and IPAM.

export type IPFamily = 4 | 6;

export interface IPAddr {
  readonly family: IPFamily;
  readonly value: bigint;
}

export interface CIDR {
  /** The address as written (host bits possibly set). */
  readonly ip: IPAddr;
  readonly prefix: number;
  /** The address with host bits cleared. */
  readonly network: IPAddr;
}

export const familyBits = (f: IPFamily): number => (f === 4 ? 32 : 128);

function parseIPv4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let v = 0n;
  for (const p of parts) {
    // Go rejects empty parts, non-digits, leading zeros and values > 255.
    if (!/^\d{1,3}$/.test(p) || (p.length > 1 && p[0] === '0')) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    v = (v << 8n) | BigInt(n);
  }
  return v;
}

function parseIPv6(s: string): bigint | undefined {
  if (s.includes('%')) return undefined; // zones are not IPs for Calico
  let tail: bigint[] = [];
  let text = s;
  // Embedded IPv4 in the last 32 bits.
  const lastColon = text.lastIndexOf(':');
  if (lastColon >= 0 && text.slice(lastColon + 1).includes('.')) {
    const v4 = parseIPv4(text.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    tail = [v4 >> 16n, v4 & 0xffffn];
    text = text.slice(0, lastColon + 1) + (text.slice(lastColon - 1, lastColon + 1) === '::' ? '' : '0');
    if (!text.endsWith('::')) text = text.slice(0, -1).replace(/:$/, '');
  }
  const dbl = text.indexOf('::');
  if (dbl >= 0 && text.indexOf('::', dbl + 1) >= 0) return undefined;
  const parseGroups = (t: string): bigint[] | undefined => {
    if (t === '') return [];
    const out: bigint[] = [];
    for (const g of t.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(BigInt(parseInt(g, 16)));
    }
    return out;
  };
  let groups: bigint[];
  if (dbl >= 0) {
    const head = parseGroups(text.slice(0, dbl));
    const rest = parseGroups(text.slice(dbl + 2));
    if (!head || !rest) return undefined;
    const fill = 8 - head.length - rest.length - tail.length;
    if (fill < 1) return undefined;
    groups = [...head, ...Array<bigint>(fill).fill(0n), ...rest, ...tail];
  } else {
    const all = parseGroups(text);
    if (!all) return undefined;
    groups = [...all, ...tail];
  }
  if (groups.length !== 8) return undefined;
  return groups.reduce((acc, g) => (acc << 16n) | g, 0n);
}

/** Parses an IPv4 or IPv6 address; undefined when Go's net.ParseIP would return nil. */
export function parseIP(s: string): IPAddr | undefined {
  if (typeof s !== 'string' || s.length === 0) return undefined;
  if (s.includes(':')) {
    const v = parseIPv6(s);
    if (v === undefined) return undefined;
    // IPv4-mapped IPv6 (::ffff:a.b.c.d) is an IPv4 address to Go.
    if (v >> 32n === 0xffffn) return {family: 4, value: v & 0xffffffffn};
    return {family: 6, value: v};
  }
  const v = parseIPv4(s);
  return v === undefined ? undefined : {family: 4, value: v};
}

/** Formats like Go's net.IP.String (RFC 5952 for IPv6). */
export function formatIP(ip: IPAddr): string {
  if (ip.family === 4) {
    const v = ip.value;
    return [24n, 16n, 8n, 0n].map((s) => String((v >> s) & 0xffn)).join('.');
  }
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((ip.value >> BigInt(i * 16)) & 0xffffn));
  // Longest run (>= 2) of zero groups, first one on ties.
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (a: number[]) => a.map((g) => g.toString(16)).join(':');
  if (bestStart < 0) return hex(groups);
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLen))}`;
}

export function maskFor(family: IPFamily, prefix: number): bigint {
  const bits = BigInt(familyBits(family));
  const p = BigInt(prefix);
  return ((1n << bits) - 1n) ^ ((1n << (bits - p)) - 1n);
}

/** Parses `addr/prefix` like Go's net.ParseCIDR (host bits allowed; see `network`). */
export function parseCIDR(s: string): CIDR | undefined {
  if (typeof s !== 'string') return undefined;
  const slash = s.indexOf('/');
  if (slash < 0) return undefined;
  const ip = parseIP(s.slice(0, slash));
  const ptext = s.slice(slash + 1);
  // Go's net.ParseCIDR reads the prefix length with dtoi, which accepts leading zeros (`/08`).
  if (!ip || !/^\d+$/.test(ptext)) return undefined;
  // An IPv4-mapped address written in IPv6 form takes an IPv6 prefix length in Go.
  const written6 = s.slice(0, slash).includes(':');
  let prefix = Number(ptext);
  if (written6 && ip.family === 4) {
    if (prefix > 128 || prefix < 96) return undefined;
    prefix -= 96;
  }
  if (prefix > familyBits(ip.family)) return undefined;
  return {ip, prefix, network: {family: ip.family, value: ip.value & maskFor(ip.family, prefix)}};
}

/** Parses an address or CIDR; a bare address becomes a /32 or /128 (as Calico does for nets). */
export function parseIPOrCIDR(s: string): CIDR | undefined {
  if (typeof s === 'string' && s.includes('/')) return parseCIDR(s);
  const ip = parseIP(s);
  return ip ? {ip, prefix: familyBits(ip.family), network: ip} : undefined;
}

export function formatCIDR(c: {network: IPAddr; prefix: number}): string {
  return `${formatIP(c.network)}/${c.prefix}`;
}

export function cidrContainsIP(c: CIDR, ip: IPAddr): boolean {
  return c.network.family === ip.family && (ip.value & maskFor(ip.family, c.prefix)) === c.network.value;
}

export function cidrContainsCIDR(outer: CIDR, inner: CIDR): boolean {
  return outer.network.family === inner.network.family && outer.prefix <= inner.prefix && cidrContainsIP(outer, inner.network);
}

export function cidrsOverlap(a: CIDR, b: CIDR): boolean {
  return cidrContainsCIDR(a, b) || cidrContainsCIDR(b, a);
}

/** Number of addresses in the CIDR. */
export function cidrSize(c: {network: IPAddr; prefix: number}): bigint {
  return 1n << BigInt(familyBits(c.network.family) - c.prefix);
}

export function addToIP(ip: IPAddr, n: bigint): IPAddr {
  return {family: ip.family, value: ip.value + n};
}
