// Field checks shared by the networking/infrastructure kinds (IPPool, BGP*, Node, ...) that common.ts does
// not have. Each mirrors one Calico Go validator tag, CRD format or numorstring parser.
import {parseCIDR, parseIP, parseIPOrCIDR, type CIDR, type IPAddr} from '../../net/ip.js';
import {issue, tagFailure, type Issues} from './common.js';

/** Message of the Kubernetes OpenAPI `format: cidr` check (Go net.ParseCIDR: a mask is mandatory). */
export function cidrFormatFailure(path: string, value: string): string {
  return `${path} in body must be of type cidr: "${value}"`;
}

export const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** True when the parsed address equals its network address (Calico's "strictly masked"). */
export const isStrictlyMasked = (c: CIDR): boolean => c.ip.family === c.network.family && c.ip.value === c.network.value;

/**
 * The `net`, `netv4` and `netv6` tags: an IP or a strictly masked CIDR (of the given family).
 * Also applies the CRD `format: cidr` (a bare IP is not a CIDR) when `requireMask` is set.
 */
export function checkNetwork(
  out: Issues,
  path: string,
  value: string,
  goField: string,
  tag: 'net' | 'netv4' | 'netv6',
  requireMask: boolean,
): CIDR | undefined {
  const cidr = parseIPOrCIDR(value);
  const family = tag === 'netv4' ? 4 : tag === 'netv6' ? 6 : undefined;
  if (!cidr || !isStrictlyMasked(cidr) || (family && cidr.ip.family !== family)) {
    out.push(issue(path, tagFailure(goField, tag), value));
    return undefined;
  }
  if (requireMask && !parseCIDR(value)) {
    out.push(issue(path, cidrFormatFailure(path, value), value));
    return undefined;
  }
  return cidr;
}

const PEER_IPV4_PORT = /^(\d+).(\d+).(\d+).(\d+):(\d+)$/;
const PEER_IPV6_PORT = /^\[[0-9a-fA-F:.]+\]:(\d+)$/;

/**
 * Calico's `IP:port` parsing of BGPPeer.peerIP: `<IP>`, `<IPv4>:<port>` or `[<IPv6>]:<port>` with port 1-65535.
 * Returns the address part, or undefined when Calico would reject the value.
 */
export function parsePeerIP(text: string): {ip: IPAddr; port?: number} | undefined {
  if (text === '') return undefined;
  let host = text;
  let port: number | undefined;
  if (PEER_IPV4_PORT.test(text) || PEER_IPV6_PORT.test(text)) {
    const colon = text.lastIndexOf(':');
    host = text.slice(0, colon);
    const portText = text.slice(colon + 1);
    if (host.startsWith('[')) host = host.slice(1, -1);
    else if (host.includes(':')) return undefined; // net.SplitHostPort: too many colons
    // strconv.ParseUint(…, 10, 16).
    if (!/^\d+$/.test(portText) || Number(portText) > 65535 || Number(portText) < 1) return undefined;
    port = Number(portText);
  }
  const ip = parseIP(host);
  return ip ? {ip, port} : undefined;
}

const UINT16 = 65535;
const UINT32 = 4294967295;

/**
 * numorstring.ASNumber as Go decodes it: a JSON integer 0..2^32-1, or a string holding a decimal uint32 or the
 * dotted form `<uint16>.<uint16>`. Returns the numeric value, or undefined when Go would reject it.
 */
export function parseASNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 && value <= UINT32 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  if (/^\d+$/.test(value)) {
    const n = Number(value);
    return n <= UINT32 ? n : undefined;
  }
  const m = /^(\d+)\.(\d+)$/.exec(value);
  if (!m) return undefined;
  const hi = Number(m[1]);
  const lo = Number(m[2]);
  return hi <= UINT16 && lo <= UINT16 ? hi * 65536 + lo : undefined;
}

/**
 * Reports an AS number Go's decoder would reject. The schema has already checked the JSON type and the
 * string shape; this checks the ranges of the string forms, with ASNumberFromString's error text.
 */
export function checkASNumber(out: Issues, path: string, value: unknown): void {
  if (value === undefined || value === null || parseASNumber(value) !== undefined) return;
  out.push(issue(path, typeof value === 'string' ? `invalid AS Number format (${value})` : 'invalid AS Number', value));
}

/** wgtypes.ParseKey: standard (padded) base64 of exactly 32 bytes. */
export const isWireguardKey = (s: string): boolean => /^[A-Za-z0-9+/]{43}=$/.test(s);

/** Effective block size: Calico's default (26 for IPv4, 122 for IPv6) when unset or 0. */
export function effectiveBlockSize(cidr: CIDR, blockSize: unknown): number {
  if (typeof blockSize === 'number' && blockSize !== 0) return blockSize;
  return cidr.network.family === 4 ? 26 : 122;
}
