// Shared semantic-rule helpers mirroring Calico's Go validator (libcalico-go/lib/validator/v3) and the
// Kubernetes validation helpers it calls. Reason texts follow Calico's wording so users can search them.
// Every helper takes already schema-checked data (types are right; values are not yet).
import type {SemanticRule, ValidationIssue} from '../types.js';
import type {CalicoResource} from '../../resource.js';
import {parseCIDR, parseIP, parseIPOrCIDR, type CIDR} from '../../net/ip.js';
import {validateSelector} from '../../selector/index.js';
import {labelValueErrors, metadataIssues, qualifiedNameErrors} from '../names.js';

export type Issues = ValidationIssue[];

export function issue(path: string, message: string, value?: unknown): ValidationIssue {
  return value === undefined ? {path, message} : {path, message, value};
}

/** `base.key`, or `base["key"]` when the key is not a plain identifier (label keys with dots or slashes). */
export function keyPath(base: string, key: string): string {
  return /^[A-Za-z_$][\w$-]*$/.test(key) ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`;
}

/** The reason go-playground gives when a field tag without a custom reason fails (Calico prints it). */
export function tagFailure(goField: string, tag: string): string {
  return `failed to validate Field: ${goField} because of Tag: ${tag}`;
}

// ---------------------------------------------------------------------------------------------
// Names and Kubernetes formats. Resource names, metadata labels and annotations are checked for every
// kind by the orchestrator (../names.ts); these helpers cover names and labels inside specs.

const NAME_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
/** Calico `name` validator: a DNS-1123 subdomain (no length limit of its own). */
export const NAME_REGEX = new RegExp(`^${NAME_LABEL_FMT}(\\.${NAME_LABEL_FMT})*$`);
const CONTAINER_ID_REGEX = /^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/;
/** Kubernetes DNS1123LabelMaxLength. */
export const DNS1123_LABEL_MAX = 63;
const INTERFACE_REGEX = /^[a-zA-Z0-9_.-]{1,15}$/;

/** UTF-8 byte length, as Go's len(string). */
export const byteLength = (s: string): number => Buffer.byteLength(s, 'utf8');
/** Characters (code points), as the CRD OpenAPI `maxLength` counts them. */
export const charLength = (s: string): number => [...s].length;

export const isValidName = (s: string): boolean => NAME_REGEX.test(s);
export const isValidContainerID = (s: string): boolean => CONTAINER_ID_REGEX.test(s);
/** Calico `interface` validator: `*` or a Linux interface name. */
export const isValidInterfaceName = (s: string): boolean => s === '*' || INTERFACE_REGEX.test(s);

/** Kubernetes IsValidPortName (IANA service name): error texts, empty when valid. */
export function portNameErrors(port: string): string[] {
  const errs: string[] = [];
  if (port.length < 1 || port.length > 15) errs.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(port)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(port)) errs.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errs.push('must not contain consecutive hyphens');
  if (port.length > 0 && (port.startsWith('-') || port.endsWith('-'))) errs.push('must not begin or end with a hyphen');
  return errs;
}

/** Calico `portName` validator (endpoint ports). */
export const isValidPortName = (s: string): boolean => s.length !== 0 && portNameErrors(s).length === 0;

/** Calico `labels` validator (Profile labelsToApply): Kubernetes label keys and values. */
export function checkLabelMap(labels: Record<string, string> | undefined, path: string, goField: string, out: Issues): void {
  for (const [k, v] of Object.entries(labels ?? {})) {
    const problems = [...qualifiedNameErrors(k), ...labelValueErrors(v)];
    if (problems.length) out.push(issue(keyPath(path, k), `${tagFailure(goField, 'labels')}: ${problems.join('; ')}`, v));
  }
}

/**
 * @deprecated Names, labels and annotations of every kind are checked by the orchestrator
 * (../names.ts: nameIssues, metadataIssues); calling this as well would only repeat its messages.
 */
export function checkObjectMeta(_resource: CalicoResource, _out: Issues): void {}

/** Annotations outside metadata (rule metadata) get the same checks as metadata annotations. */
export function checkAnnotations(annotations: Record<string, string> | undefined, path: string, out: Issues): void {
  if (!annotations) return;
  for (const i of metadataIssues({annotations})) {
    out.push({...i, path: path + i.path.slice('metadata.annotations'.length)});
  }
}

// ---------------------------------------------------------------------------------------------
// IPs, CIDRs, MACs

/** go-playground `ip`: anything net.ParseIP accepts. */
export const isIP = (s: string): boolean => parseIP(s) !== undefined;
/** Calico `ipv4`. */
export const isIPv4 = (s: string): boolean => parseIP(s)?.family === 4;
/** Calico `ipv6`: a valid IP that is not IPv4 (nor IPv4-mapped). */
export const isIPv6 = (s: string): boolean => parseIP(s)?.family === 6;
/** Calico `cidr`: an IP or a CIDR, host bits allowed. */
export const isCIDROrIP = (s: string): boolean => parseIPOrCIDR(s) !== undefined;

/** Calico `net`: an IP, or a CIDR with no host bits set. */
export function isStrictNet(s: string): boolean {
  const c = parseIPOrCIDR(s);
  return c !== undefined && c.ip.value === c.network.value;
}

/** Parses a CIDR that must contain a '/' (libcalico ParseCIDR, used for rule nets). */
export const parseRuleCIDR = (s: string): CIDR | undefined => parseCIDR(s);

/** Go net.ParseMAC: 6, 8 or 20 octets as `xx:xx:..`, `xx-xx-..` or `xxxx.xxxx.xxxx`. */
export function isMAC(s: string): boolean {
  if (s.length < 14) return false;
  const octetCounts = [6, 8, 20];
  if (s[2] === ':' || s[2] === '-') {
    if ((s.length + 1) % 3 !== 0 || !octetCounts.includes((s.length + 1) / 3)) return false;
    const sep = s[2];
    return s.split(sep).every((g) => /^[0-9a-fA-F]{2}$/.test(g));
  }
  if (s[4] === '.') {
    if ((s.length + 1) % 5 !== 0 || !octetCounts.includes((2 * (s.length + 1)) / 5)) return false;
    return s.split('.').every((g) => /^[0-9a-fA-F]{4}$/.test(g));
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Selectors

export const GLOBAL_SELECTOR = 'global()';
export const GLOBAL_SELECTOR_ENTITY_RULE_MSG = `${GLOBAL_SELECTOR} can only be used in an EntityRule namespaceSelector`;
export const GLOBAL_SELECTOR_ONLY_MSG = `${GLOBAL_SELECTOR} cannot be combined with other selectors`;

/** Calico `selector` validator; the empty selector is valid (it means all()). */
export function checkSelector(text: unknown, path: string, out: Issues, goField = 'Selector'): void {
  if (typeof text !== 'string' || text === '') return;
  const err = validateSelector(text);
  if (err !== undefined) out.push(issue(path, `${tagFailure(goField, 'selector')}: ${err.replace(/^invalid selector: /, '')}`, text));
}

// ---------------------------------------------------------------------------------------------
// Ports and protocols (numorstring)

export interface PortRange {
  minPort: number;
  maxPort: number;
  portName: string;
}

const NAMED_PORT_REGEX = /^[a-zA-Z0-9_.-]{1,128}$/;

/** numorstring.PortFromString: a number, `min:max`, or a named port. Returns the port or an error text. */
export function parsePortString(s: string): PortRange | string {
  const u16 = (t: string) => (/^\d+$/.test(t) && Number(t) <= 65535 ? Number(t) : undefined);
  if (/^\d+$/.test(s)) {
    const n = u16(s);
    return n === undefined ? `invalid port format (${s})` : {minPort: n, maxPort: n, portName: ''};
  }
  const range = /^(\d+):(\d+)$/.exec(s);
  if (range) {
    const min = u16(range[1]);
    if (min === undefined) return `invalid minimum port number in range (${s})`;
    const max = u16(range[2]);
    if (max === undefined) return `invalid maximum port number in range (${s})`;
    if (min > max) return `minimum port number (${min}) is greater than maximum port number (${max}) in port range`;
    return {minPort: min, maxPort: max, portName: ''};
  }
  if (!NAMED_PORT_REGEX.test(s)) return `invalid name for named port (${s})`;
  return {minPort: 0, maxPort: 0, portName: s};
}

/** Decodes a numorstring.Port as Go does (integers 0-65535 or strings). */
export function parsePort(value: number | string): PortRange | string {
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 0 || value > 65535) return `invalid port format (${value})`;
    return {minPort: value, maxPort: value, portName: ''};
  }
  return parsePortString(value);
}

/** Decode plus Calico's Port struct validator. */
export function checkPort(value: number | string, path: string, out: Issues): PortRange | undefined {
  const p = parsePort(value);
  if (typeof p === 'string') {
    out.push(issue(path, p, value));
    return undefined;
  }
  if (p.portName === '' && p.minPort < 1) {
    out.push(issue(path, 'port range invalid, port number must be between 1 and 65535', p.minPort));
  }
  return p;
}

/**
 * A numorstring.Port as Calico validates it inside a struct: decode, the Port struct validator and the
 * `portName` tag of its PortName field (a named port must be a Kubernetes IANA port name).
 */
export function checkNamedOrNumericPort(value: number | string, path: string, out: Issues): PortRange | undefined {
  const port = checkPort(value, path, out);
  if (port && port.portName !== '' && !isValidPortName(port.portName)) {
    out.push(issue(path, `${tagFailure('PortName', 'portName')}: ${portNameErrors(port.portName).join('; ')}`, value));
  }
  return port;
}

export const PROTOCOL_NAMES = ['TCP', 'UDP', 'ICMP', 'ICMPv6', 'SCTP', 'UDPLite'] as const;

/** A decoded numorstring.Protocol: numeric (incl. numeric strings like "6") or a name as written. */
export type Protocol = {num: number; name?: undefined} | {num?: undefined; name: string};

/** numorstring Uint8OrString decoding: strings that parse as 0-255 become numbers. */
export function decodeProtocol(value: number | string): Protocol {
  if (typeof value === 'number') return {num: value};
  if (/^\d+$/.test(value) && Number(value) <= 255) return {num: Number(value)};
  return {name: value};
}

/** Calico's Protocol struct validator. */
export function checkProtocol(value: number | string, path: string, out: Issues): Protocol {
  const p = decodeProtocol(value);
  if (p.num !== undefined) {
    if (p.num === 0) out.push(issue(path, 'protocol number invalid', value));
  } else if (!(PROTOCOL_NAMES as readonly string[]).includes(p.name)) {
    out.push(issue(path, 'protocol name invalid', value));
  }
  return p;
}

/** Protocol.SupportsPorts: TCP, UDP and SCTP (by number or name; lower-case v1 names included). */
export function protocolSupportsPorts(p: Protocol): boolean {
  if (p.num !== undefined) return p.num === 6 || p.num === 17 || p.num === 132;
  return ['TCP', 'UDP', 'tcp', 'udp', 'SCTP', 'sctp'].includes(p.name);
}

/** Go compares protocols as structs, so only the name form equals ProtocolFromString(name). */
export const protocolIsName = (p: Protocol | undefined, name: string): boolean => p?.name === name;

// ---------------------------------------------------------------------------------------------
// Rules

export const PROTOCOL_PORTS_MSG = 'rules that specify ports must set protocol to TCP or UDP or SCTP';
export const PROTOCOL_NUMERIC_PORTS_MSG = 'rules with numeric port or port range must set protocol to TCP or UDP or SCTP';
export const PROTOCOL_ICMP_MSG = 'rules that specify ICMP fields must set protocol to ICMP';
export const PROTOCOL_HTTP_MSG = 'rules that specify HTTP fields must set protocol to TCP or empty';

export interface ICMPFields {
  type?: number;
  code?: number;
}

export interface EntityRule {
  nets?: string[];
  selector?: string;
  namespaceSelector?: string;
  services?: {name?: string; namespace?: string};
  ports?: Array<number | string>;
  notNets?: string[];
  notSelector?: string;
  notPorts?: Array<number | string>;
  serviceAccounts?: {names?: string[]; selector?: string};
}

export interface HTTPMatch {
  methods?: string[];
  paths?: Array<{exact?: string; prefix?: string}>;
}

export interface Rule {
  action: string;
  ipVersion?: number;
  protocol?: number | string;
  icmp?: ICMPFields;
  notProtocol?: number | string;
  notICMP?: ICMPFields;
  source?: EntityRule;
  destination?: EntityRule;
  http?: HTTPMatch;
  metadata?: {annotations?: Record<string, string>};
}

export function checkICMPFields(icmp: ICMPFields | undefined, path: string, out: Issues): void {
  if (icmp && icmp.code !== undefined && icmp.type === undefined) {
    out.push(issue(`${path}.code`, 'ICMP code specified without an ICMP type', icmp.code));
  }
}

/** Calico's HTTPMatch validator. */
export function checkHTTPMatch(http: HTTPMatch, path: string, out: Issues): void {
  const methods = http.methods ?? [];
  if (new Set(methods).size !== methods.length) {
    out.push(issue(`${path}.methods`, `Invalid methods (duplicates): [${methods.join(' ')}]`));
  }
  for (const [i, p] of (http.paths ?? []).entries()) {
    const exact = p.exact ?? '';
    const prefix = p.prefix ?? '';
    const at = `${path}.paths[${i}]`;
    if (exact !== '' && prefix !== '') {
      out.push(issue(at, "Invalid path match. Both 'exact' and 'prefix' are set"));
      break;
    }
    const v = exact || prefix;
    if (v === '') {
      out.push(issue(at, "Invalid path match. Either 'exact' or 'prefix' must be set"));
      break;
    }
    if (!v.startsWith('/') || /[? #]/.test(v)) {
      out.push(issue(at, `Invalid path ${v}. (must start with \`/\` and not contain \`?\` or \`#\``, v));
      break;
    }
  }
}

/** True when `global()` is the whole selector (surrounding spaces allowed), as Calico's tokenizer sees it. */
function isOnlyGlobalSelector(sel: string): boolean {
  return /^\s*global\(\s*\)\s*$/.test(sel);
}

/** Calico's EntityRule checks (field formats plus the struct-level rules). */
export function checkEntityRule(e: EntityRule, path: string, out: Issues): void {
  for (const field of ['nets', 'notNets'] as const) {
    for (const [i, n] of (e[field] ?? []).entries()) {
      if (!isStrictNet(n)) out.push(issue(`${path}.${field}[${i}]`, tagFailure(field === 'nets' ? 'Nets' : 'NotNets', 'net'), n));
    }
  }
  checkSelector(e.selector, `${path}.selector`, out);
  checkSelector(e.namespaceSelector, `${path}.namespaceSelector`, out, 'NamespaceSelector');
  checkSelector(e.notSelector, `${path}.notSelector`, out, 'NotSelector');
  if (e.services) {
    for (const f of ['name', 'namespace'] as const) {
      const v = e.services[f];
      if (v && !isValidName(v)) out.push(issue(`${path}.services.${f}`, tagFailure(f === 'name' ? 'Name' : 'Namespace', 'name'), v));
    }
  }
  for (const field of ['ports', 'notPorts'] as const) {
    for (const [i, p] of (e[field] ?? []).entries()) checkNamedOrNumericPort(p, `${path}.${field}[${i}]`, out);
  }
  if (e.serviceAccounts) checkSelector(e.serviceAccounts.selector, `${path}.serviceAccounts.selector`, out);

  if ((e.selector ?? '').includes(GLOBAL_SELECTOR)) {
    out.push(issue(`${path}.selector`, GLOBAL_SELECTOR_ENTITY_RULE_MSG, e.selector));
  }
  const ns = e.namespaceSelector ?? '';
  if (ns.includes('global(') && !isOnlyGlobalSelector(ns)) {
    out.push(issue(`${path}.namespaceSelector`, GLOBAL_SELECTOR_ONLY_MSG, ns));
  }
  if (e.services) {
    const at = `${path}.services`;
    if (!e.services.name) out.push(issue(at, 'must specify a service name'));
    if (e.namespaceSelector) out.push(issue(at, 'cannot specify NamespaceSelector and Services on the same rule'));
    if (e.selector || e.notSelector) out.push(issue(at, 'cannot specify Selector/NotSelector and Services on the same rule'));
    if (e.serviceAccounts) out.push(issue(at, 'cannot specify ServiceAccounts and Services on the same rule'));
    if ((e.nets?.length ?? 0) !== 0 || (e.notNets?.length ?? 0) !== 0) {
      out.push(issue(at, 'cannot specify Nets/NotNets and Services on the same rule'));
    }
  }
}

const allPortsNamed = (ports: Array<number | string> | undefined): boolean =>
  (ports ?? []).every((p) => {
    const r = parsePort(p);
    return typeof r !== 'string' && r.portName !== '';
  });

/** Calico's Rule checks: field formats, protocol-dependent fields, IP versions, HTTP and services. */
export function checkRule(rule: Rule, path: string, out: Issues): void {
  const src = rule.source ?? {};
  const dst = rule.destination ?? {};
  const protocol = rule.protocol === undefined ? undefined : checkProtocol(rule.protocol, `${path}.protocol`, out);
  const notProtocol = rule.notProtocol === undefined ? undefined : checkProtocol(rule.notProtocol, `${path}.notProtocol`, out);
  checkICMPFields(rule.icmp, `${path}.icmp`, out);
  checkICMPFields(rule.notICMP, `${path}.notICMP`, out);
  if (rule.source) checkEntityRule(rule.source, `${path}.source`, out);
  if (rule.destination) checkEntityRule(rule.destination, `${path}.destination`, out);
  if (rule.http) checkHTTPMatch(rule.http, `${path}.http`, out);
  if (rule.metadata) checkAnnotations(rule.metadata.annotations, `${path}.metadata.annotations`, out);

  const portFields: Array<[string, Array<number | string> | undefined]> = [
    ['source.ports', src.ports],
    ['source.notPorts', src.notPorts],
    ['destination.ports', dst.ports],
    ['destination.notPorts', dst.notPorts],
  ];
  for (const [field, ports] of portFields) {
    if (protocol === undefined) {
      if (!allPortsNamed(ports)) out.push(issue(`${path}.${field}`, PROTOCOL_NUMERIC_PORTS_MSG));
    } else if (!protocolSupportsPorts(protocol) && (ports?.length ?? 0) > 0) {
      out.push(issue(`${path}.${field}`, PROTOCOL_PORTS_MSG));
    }
  }

  if (rule.http && protocol !== undefined && !protocolIsName(protocol, 'TCP')) {
    out.push(issue(`${path}.protocol`, PROTOCOL_HTTP_MSG, rule.protocol));
  }
  if (rule.icmp && !protocolIsName(protocol, 'ICMP') && !protocolIsName(protocol, 'ICMPv6')) {
    out.push(issue(`${path}.icmp`, PROTOCOL_ICMP_MSG));
  }
  if ((protocolIsName(protocol, 'ICMP') || protocolIsName(notProtocol, 'ICMP')) && rule.ipVersion !== undefined && rule.ipVersion !== 4) {
    out.push(issue(`${path}.ipVersion`, "must set ipversion to '4' with protocol icmp", rule.ipVersion));
  }
  if ((protocolIsName(protocol, 'ICMPv6') || protocolIsName(notProtocol, 'ICMPv6')) && rule.ipVersion !== undefined && rule.ipVersion !== 6) {
    out.push(issue(`${path}.ipVersion`, "must set ipversion to '6' with protocol icmpv6", rule.ipVersion));
  }

  let seenV4 = false;
  let seenV6 = false;
  const netFields: Array<[string, string[] | undefined, boolean]> = [
    ['source.nets', src.nets, false],
    ['source.notNets', src.notNets, true],
    ['destination.nets', dst.nets, false],
    ['destination.notNets', dst.notNets, true],
  ];
  for (const [field, nets, negated] of netFields) {
    let v4 = false;
    let v6 = false;
    for (const [i, n] of (nets ?? []).entries()) {
      const cidr = parseRuleCIDR(n);
      if (!cidr) {
        out.push(issue(`${path}.${field}[${i}]`, 'invalid CIDR', n));
        continue;
      }
      v4 ||= cidr.ip.family === 4;
      v6 ||= cidr.ip.family === 6;
      if (negated && ((cidr.ip.family === 4 && n === '0.0.0.0/0') || (cidr.ip.family === 6 && cidr.prefix === 0))) {
        out.push(issue(`${path}.${field}[${i}]`, 'catch-all CIDR in negation creates logical contradiction (matches no traffic)', n));
      }
    }
    if (rule.ipVersion !== undefined && ((v4 && rule.ipVersion !== 4) || (v6 && rule.ipVersion !== 6))) {
      out.push(issue(`${path}.${field}`, "rule IP version doesn't match CIDR version"));
    }
    if ((v4 && seenV6) || (v6 && seenV4) || (v4 && v6)) {
      out.push(issue(`${path}.${field}`, 'rule contains both IPv4 and IPv6 CIDRs'));
    }
    seenV4 ||= v4;
    seenV6 ||= v6;
  }

  if (rule.http && rule.action !== 'Allow') {
    out.push(issue(`${path}.http`, 'only valid for Allow rules'));
  }
  if (dst.services && (dst.ports?.length ?? 0) !== 0) {
    out.push(issue(`${path}.destination.ports`, 'cannot specify ports with a service selector'));
  }
  if (dst.services && (dst.notPorts?.length ?? 0) !== 0) {
    out.push(issue(`${path}.destination.notPorts`, 'cannot specify notports with a service selector'));
  }
}

export interface PolicyRuleContext {
  /** GlobalNetworkPolicy-style checks: services in global rules need a namespace. */
  global: boolean;
  /** "egress rule" or "egress rules": Calico words the HTTP message differently per kind. */
  egressHttpMessage: string;
}

/** Policy-level rule checks (Calico's validate(Global)NetworkPolicySpec rule loops). */
export function checkPolicyRules(spec: {ingress?: Rule[]; egress?: Rule[]}, out: Issues, ctx: PolicyRuleContext): void {
  for (const [i, r] of (spec.egress ?? []).entries()) {
    const at = `spec.egress[${i}]`;
    if (r.source?.services) out.push(issue(`${at}.source.services`, 'not allowed in egress rule source'));
    if (r.http) out.push(issue(`${at}.http`, ctx.egressHttpMessage));
    if (ctx.global && r.destination?.services && !r.destination.services.namespace) {
      out.push(issue(`${at}.destination.services.namespace`, 'must specify a namespace'));
    }
  }
  for (const [i, r] of (spec.ingress ?? []).entries()) {
    const at = `spec.ingress[${i}]`;
    if (r.destination?.services) out.push(issue(`${at}.destination.services`, 'not allowed in ingress rule destination'));
    if (ctx.global && r.source?.services && !r.source.services.namespace) {
      out.push(issue(`${at}.source.services.namespace`, 'must specify a namespace'));
    }
  }
}

/** Every rule of a spec (struct-level Rule checks run for ingress and egress alike). */
export function checkRules(spec: {ingress?: Rule[]; egress?: Rule[]}, out: Issues): void {
  for (const dir of ['ingress', 'egress'] as const) {
    for (const [i, r] of (spec[dir] ?? []).entries()) checkRule(r, `spec.${dir}[${i}]`, out);
  }
}

/** Duplicate entries in `types` (schema already limits the values). */
export function checkPolicyTypes(types: string[] | undefined, out: Issues): void {
  const seen = new Set<string>();
  for (const t of types ?? []) {
    if (seen.has(t)) out.push(issue('spec.types', `'${t}' type specified more than once`, t));
    seen.add(t);
  }
}

/** `performanceHints` must not repeat (go-playground `unique`). */
export function checkPerformanceHints(hints: string[] | undefined, out: Issues): void {
  if (hints && new Set(hints).size !== hints.length) {
    out.push(issue('spec.performanceHints', tagFailure('PerformanceHints', 'unique'), hints));
  }
}

/**
 * `tier` must be a valid name when given. The client also copies it into the `projectcalico.org/tier`
 * label before validating, so it must be a valid label value too (at most 63 characters).
 */
export function checkTierReference(tier: string | undefined, out: Issues): void {
  if (tier && !isValidName(tier)) out.push(issue('spec.tier', tagFailure('Tier', 'name'), tier));
  else if (tier && labelValueErrors(tier).length > 0) {
    out.push(issue('spec.tier', `invalid label value: ${labelValueErrors(tier).join('; ')}`, tier));
  }
}

/** A policy-level selector that must not use global(). */
export function checkPolicySelector(value: string | undefined, path: string, out: Issues, goField: string): void {
  checkSelector(value, path, out, goField);
  if ((value ?? '').includes(GLOBAL_SELECTOR)) out.push(issue(path, GLOBAL_SELECTOR_ENTITY_RULE_MSG, value));
}

/** Networks of a (Global)NetworkSet: IPs or CIDRs (host bits allowed). */
export function checkNetworkSet(resource: CalicoResource, out: Issues): void {
  for (const [i, n] of ((resource.spec?.nets as string[] | undefined) ?? []).entries()) {
    if (!isCIDROrIP(n)) out.push(issue(`spec.nets[${i}]`, tagFailure('Nets', 'cidr'), n));
  }
  if (resource.metadata?.labels && 'projectcalico.org/namespace' in resource.metadata.labels) {
    out.push(issue(keyPath('metadata.labels', 'projectcalico.org/namespace'), 'projectcalico.org/namespace is not a valid label name'));
  }
}

/** A list of profile names (HostEndpoint, WorkloadEndpoint). */
export function checkNameList(names: string[] | undefined, path: string, goField: string, out: Issues): void {
  for (const [i, n] of (names ?? []).entries()) {
    if (!isValidName(n)) out.push(issue(`${path}[${i}]`, tagFailure(goField, 'name'), n));
  }
}

/** Endpoint named ports' protocol: must parse and support ports. */
export function checkEndpointPortProtocol(value: number | string, path: string, out: Issues, what: string): void {
  const p = checkProtocol(value, path, out);
  if (!protocolSupportsPorts(p)) out.push(issue(path, `${what} protocol does not support ports.`, value));
}

/**
 * Spec fields holding a non-zero Go value, ignoring `keep`. Go compares the decoded struct with its zero
 * value: an empty string, `false` or an empty struct (`{}`) is zero, but any given number (a pointer) or
 * list (even empty) is not.
 */
export function nonZeroFields(spec: Record<string, unknown> | undefined, keep: readonly string[]): string[] {
  const isZero = (v: unknown) =>
    v === '' || v === false || v === null || v === undefined ||
    (typeof v === 'object' && !Array.isArray(v) && Object.values(v as object).every((x) => x === null));
  return Object.entries(spec ?? {})
    .filter(([k, v]) => !keep.includes(k) && !isZero(v))
    .map(([k]) => k);
}

/** Reason Calico gives when a staged Delete carries policy fields. */
export const STAGED_DELETE_MSG = 'Spec fields, except Tier, should all be zero-value if stagedAction is Delete';

/**
 * Rules of a staged policy kind: the policy kind's own spec checks, except for stagedAction Delete, which
 * must carry no policy fields besides the tier. The client clears `types` of a staged Delete first.
 */
export function stagedPolicyRules(checkSpec: (spec: any, out: Issues) => void): SemanticRule {
  return (resource) => {
    const out: Issues = [];
    const spec = resource.spec ?? {};
    if (spec.stagedAction === 'Delete') {
      checkTierReference(spec.tier, out);
      const extra = nonZeroFields(spec, ['stagedAction', 'tier', 'types']);
      if (extra.length) out.push(issue('spec', `${STAGED_DELETE_MSG} (set: ${extra.join(', ')})`));
    } else {
      checkSpec(spec, out);
    }
    return out;
  };
}

/** The CRD-only checks shared by the staged policy kinds (HTTP match limits). */
export const stagedPolicyCrdRules: SemanticRule = (resource) => {
  const out: Issues = [];
  checkHTTPLimits(resource.spec ?? {}, out);
  return out;
};

// ---------------------------------------------------------------------------------------------
// CRD-only checks. calicoctl 3.32 applies the CRD OpenAPI/CEL rules only when it writes through an etcd
// client (create/apply/replace), not in `validate`; each kind exports them separately as `crdRules`.

/** The CRD's limits on HTTP matches of every rule in a policy spec (OpenAPI maxItems/maxLength). */
export function checkHTTPLimits(spec: {ingress?: Rule[]; egress?: Rule[]}, out: Issues): void {
  for (const dir of ['ingress', 'egress'] as const) {
    for (const [i, r] of (spec[dir] ?? []).entries()) {
      const at = `spec.${dir}[${i}].http`;
      for (const f of ['methods', 'paths'] as const) {
        const n = r.http?.[f]?.length ?? 0;
        if (n > 20) out.push(issue(`${at}.${f}`, `Too many: ${n}: must have at most 20 items`));
      }
      for (const [j, p] of (r.http?.paths ?? []).entries()) {
        for (const f of ['exact', 'prefix'] as const) {
          const v = p[f];
          if (v !== undefined && charLength(v) > 1024) out.push(issue(`${at}.paths[${j}].${f}`, 'Too long: may not be more than 1024 bytes'));
        }
      }
    }
  }
}
