// Field checks shared by the networking/infrastructure kinds (IPPool, BGP*, Node, ...) that common.ts does
// not have. Each mirrors one Calico Go validator tag, CRD format or numorstring parser.
import {parseCIDR, parseIP, parseIPOrCIDR, type CIDR, type IPAddr} from '../../net/ip.js';
import {issue, tagFailure, type Issues} from './common.js';

export const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** Message of the Kubernetes OpenAPI `format: cidr` check (Go net.ParseCIDR: a mask is mandatory). */
export function cidrFormatFailure(path: string, value: string): string {
  return `${path} in body must be of type cidr: "${value}"`;
}

// ---------------------------------------------------------------------------------------------
// CRD OpenAPI checks, for the `crdRules` of each kind. calicoctl 3.32 applies the CRD schemas only when it
// writes through an etcd client (create/apply/replace), not in `validate`. Messages follow Kubernetes.

/**
 * `enum` on a string field. An empty value is checked only when Go keeps it in the JSON the CRD stage
 * sees: a pointer field (`*Mode`) or a list item; an `omitempty` string field drops it.
 */
export function crdEnum(out: Issues, path: string, value: unknown, allowed: readonly string[], emptyIsKept = false): void {
  if (typeof value !== 'string' || (value === '' && !emptyIsKept) || allowed.includes(value)) return;
  out.push(issue(path, `Unsupported value: "${value}": supported values: ${allowed.map((a) => `"${a}"`).join(', ')}`, value));
}

/** `maxLength` (Kubernetes counts characters). */
export function crdMaxLength(out: Issues, path: string, value: unknown, max: number): void {
  if (typeof value === 'string' && [...value].length > max) out.push(issue(path, `Too long: may not be more than ${max} bytes`, value));
}

/** `minItems`/`maxItems`. */
export function crdItems(out: Issues, path: string, value: unknown, min: number, max: number): void {
  if (!Array.isArray(value)) return;
  if (value.length > max) out.push(issue(path, `Too many: ${value.length}: must have at most ${max} items`));
  else if (value.length < min) out.push(issue(path, `Too few: ${value.length}: must have at least ${min} items`));
}

/** `minimum`/`maximum` on an integer field; zero values, which Go omits, are not checked. */
export function crdRange(out: Issues, path: string, value: unknown, min: number, max: number): void {
  if (typeof value !== 'number' || value === 0) return;
  if (value < min) out.push(issue(path, `should be greater than or equal to ${min}`, value));
  else if (value > max) out.push(issue(path, `should be less than or equal to ${max}`, value));
}

/** `format: cidr` on an optional string field. */
export function crdCIDRFormat(out: Issues, path: string, value: unknown): void {
  if (isNonEmptyString(value) && !parseCIDR(value)) out.push(issue(path, cidrFormatFailure(path, value), value));
}

/** True when the parsed address equals its network address (Calico's "strictly masked"). */
export const isStrictlyMasked = (c: CIDR): boolean => c.ip.family === c.network.family && c.ip.value === c.network.value;

/** The `net`, `netv4` and `netv6` tags: an IP, or a strictly masked CIDR (of the given family). */
export function checkNetwork(out: Issues, path: string, value: string, goField: string, tag: 'net' | 'netv4' | 'netv6'): CIDR | undefined {
  const cidr = parseIPOrCIDR(value);
  const family = tag === 'netv4' ? 4 : tag === 'netv6' ? 6 : undefined;
  if (!cidr || !isStrictlyMasked(cidr) || (family && cidr.ip.family !== family)) {
    out.push(issue(path, tagFailure(goField, tag), value));
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

/**
 * The client's Create refuses a cluster singleton (ClusterInformation, IPAMConfiguration,
 * KubeControllersConfiguration) under any name but `default`; `message` is its error text.
 */
export function checkDefaultName(out: Issues, name: unknown, message: string): void {
  if (name !== 'default') out.push(issue('metadata.name', message, name));
}
