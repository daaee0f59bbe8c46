// `calicoctl ipam check`: compares IPAM allocations with what nodes and workload endpoints use, reports
// leaks and inconsistencies, and optionally writes the report `ipam release --from-report` consumes
// (calicoctl commands/ipam/check.go; same narrative, counts and report layout).
import {writeFileSync} from 'node:fs';
import type {Datastore} from '../datastore/types.js';
import type {Output} from '../io.js';
import {type CIDR, cidrContainsIP, formatCIDR, formatIP, parseIPOrCIDR} from '../net/ip.js';
import {CliError, errorMessage} from '../errors.js';
import {NodeKind} from '../registry/kinds/node.js';
import {WorkloadEndpointKind} from '../registry/kinds/workloadendpoint.js';
import {CLIENT_VERSION} from '../version.js';
import {GoMap, type JsonValue, compareBytes, stringifyJson} from './json.js';
import {type AllocationAttribute, type AllocationBlock, HANDLE_PREFIX, WINDOWS_RESERVED_HANDLE, ordinalToIP} from './model.js';
import {listBlocks, listPools} from './pools.js';
import {getClusterInformation} from '../migrate/lock.js';

export interface ReportAllocation {
  ip: string;
  handle?: string;
  /** Decimal string: sequence numbers exceed 2^53. */
  sequenceNumber?: string;
  pod?: string;
  namespace?: string;
  node?: string;
  type?: string;
  creationTimestamp?: string;
  inUse: boolean;
  borrowed?: boolean;
  owners: string[] | null;
}

export interface HandleInfo {
  ID: string;
  UID: string | null;
  Revision: string;
}

export interface Report {
  version: string;
  clusterGUID: string;
  datastoreLocked: boolean;
  clusterInformationRevision: string;
  clusterType: string;
  allocations: Record<string, ReportAllocation[]>;
  leakedHandles?: HandleInfo[];
}

export function reportToJson(r: Report): string {
  const alloc = (a: ReportAllocation): JsonValue => ({
    ip: a.ip,
    handle: a.handle || undefined,
    sequenceNumber: a.sequenceNumber === undefined ? undefined : BigInt(a.sequenceNumber),
    pod: a.pod || undefined,
    namespace: a.namespace || undefined,
    node: a.node || undefined,
    type: a.type || undefined,
    creationTimestamp: a.creationTimestamp || undefined,
    inUse: a.inUse,
    borrowed: a.borrowed || undefined,
    owners: a.owners,
  }) as JsonValue;
  const value = {
    version: r.version,
    clusterGUID: r.clusterGUID,
    datastoreLocked: r.datastoreLocked,
    clusterInformationRevision: r.clusterInformationRevision,
    clusterType: r.clusterType,
    allocations: new GoMap(Object.fromEntries(Object.entries(r.allocations).map(([ip, list]) => [ip, list.map(alloc)]))),
    leakedHandles: r.leakedHandles && r.leakedHandles.length > 0 ? r.leakedHandles.map((h) => ({ID: h.ID, UID: h.UID, Revision: h.Revision})) : undefined,
  } as JsonValue;
  return stringifyJson(value, '  ');
}

interface Allocation extends ReportAllocation {
  block: AllocationBlock;
  attributes?: AllocationAttribute;
}

function kvs(m: Record<string, string> | undefined): string {
  return Object.keys(m ?? {})
    .sort(compareBytes)
    .map((k) => `${k}=${m![k]}`)
    .join(',');
}

function attrString(a: Allocation): string {
  if (!a.attributes) return '<missing>';
  let s = `Main:${a.attributes.handleId ?? '<none>'} Extra:${kvs(a.attributes.activeOwnerAttrs)}`;
  if (Object.keys(a.attributes.alternateOwnerAttrs ?? {}).length > 0) s += ` Alternate:${kvs(a.attributes.alternateOwnerAttrs)}`;
  return s;
}

/** ParseCIDROrIP then the address text, as calicoctl normalises endpoint and tunnel addresses. */
function normaliseIP(addr: string, what: string): string {
  const c = parseIPOrCIDR(addr);
  if (!c) throw new Error(`failed to parse ${what}: invalid CIDR address: ${addr}`);
  return formatIP(c.ip);
}

export interface CheckOptions {
  showAllIPs: boolean;
  showProblemIPs: boolean;
  outFile?: string;
  kubeconfig?: string;
}

export async function checkIPAM(ds: Datastore, opts: CheckOptions, out: Output): Promise<void> {
  const showProblemIPs = opts.showAllIPs || opts.showProblemIPs;
  const p = (s: string) => out.out(s + '\n');
  const allocations = new Map<string, Allocation[]>();
  const allocationsByNode = new Map<string, Allocation[]>();
  const inUseIPs = new Map<string, string[]>();
  const inUseHandles = new Set<string>();

  const recordInUseIP = (ip: string, friendlyName: string) => {
    if (opts.showAllIPs) p(`  ${ip} belongs to ${friendlyName}`);
    inUseIPs.set(ip, [...(inUseIPs.get(ip) ?? []), friendlyName]);
    for (const a of allocations.get(ip) ?? []) {
      a.inUse = true;
      a.owners = [...(a.owners ?? []), friendlyName];
    }
  };

  p('Checking IPAM for inconsistencies...');
  p('');
  const ci = await getClusterInformation(ds);
  const clusterType = String(ci.spec?.clusterType ?? '');
  const clusterInfoRevision = ci.metadata.resourceVersion ?? '';
  const datastoreLocked = ci.spec?.datastoreReady === false;
  const clusterGUID = String(ci.spec?.clusterGUID ?? '');

  p('Loading all IPAM blocks...');
  const blocks = await listBlocks(ds.raw);
  p(`Found ${blocks.length} IPAM blocks.`);
  let numAllocs = 0;
  for (const {block: b} of blocks) {
    p(` IPAM block ${formatCIDR(b.cidr)} affinity=${b.affinity ?? '<none>'}:`);
    (b.allocations ?? []).forEach((attrIdx, ord) => {
      if (attrIdx === null) return;
      numAllocs++;
      const ip = formatIP(ordinalToIP(b, ord));
      const blockAffinity = b.affinity?.startsWith('host:') ? b.affinity.slice(5) : '';
      let node = blockAffinity;
      const attributes = b.attributes?.[attrIdx];
      const a: Allocation = {ip, block: b, attributes, inUse: false, owners: null};
      if (attributes) {
        if (attributes.handleId === WINDOWS_RESERVED_HANDLE) {
          // calicoctl records this before the allocation itself, leaving it "not in use" in the report
          // (so release --from-report would free it); we mark it in use.
          a.inUse = true;
          a.owners = ['Reserved for Windows'];
          if (opts.showAllIPs) p(`  ${ip} belongs to Reserved for Windows`);
          inUseIPs.set(ip, [...(inUseIPs.get(ip) ?? []), 'Reserved for Windows']);
        } else if (attributes.handleId !== undefined) {
          a.handle = attributes.handleId;
          inUseHandles.add(a.handle);
        }
        const o = attributes.activeOwnerAttrs ?? {};
        if (o.node) node = o.node;
        if (o.pod) a.pod = o.pod;
        if (o.namespace) a.namespace = o.namespace;
        if (o.type) a.type = o.type;
        if (o.timestamp) a.creationTimestamp = o.timestamp;
      }
      a.sequenceNumber = String(b.sequenceNumberForAllocation?.get(String(ord)) ?? 0n);
      a.node = node;
      if (node !== blockAffinity) a.borrowed = true;
      allocations.set(ip, [...(allocations.get(ip) ?? []), a]);
      allocationsByNode.set(node, [...(allocationsByNode.get(node) ?? []), a]);
      if (opts.showAllIPs) p(`  ${ip} allocated; attrs ${attrString(a)}`);
    });
  }
  p(`IPAM blocks record ${numAllocs} allocations.`);
  p('');

  p('Loading all IPAM pools...');
  const activePools: CIDR[] = [];
  for (const pool of await listPools(ds)) {
    if (pool.disabled) continue;
    p(`  ${String(pool.resource.spec?.cidr)}`);
    activePools.push(pool.cidr);
  }
  p(`Found ${activePools.length} active IP pools.`);
  p('');

  p('Loading all nodes.');
  let numNodeIPs = 0;
  for (const n of await ds.list(NodeKind)) {
    const name = n.metadata.name ?? '';
    const tunnel: [string | undefined, string][] = [
      [n.spec?.ipv4VXLANTunnelAddr, 'IPv4VXLANTunnelAddr'],
      [n.spec?.wireguard?.interfaceIPv4Address, 'Wireguard.InterfaceIPv4Address'],
      [n.spec?.bgp?.ipv4IPIPTunnelAddr, 'IPv4IPIPTunnelAddr'],
    ];
    for (const [addr, field] of tunnel) {
      if (!addr) continue;
      recordInUseIP(normaliseIP(addr, `${field} (${addr}) of node ${name}`), `Node(${name})`);
      numNodeIPs++;
    }
  }
  p(`Found ${numNodeIPs} node tunnel IPs.`);
  p('');

  p('Loading all service load balancer IPs.');
  if (!opts.kubeconfig) {
    // calicoctl refuses to run without one; Services are the only Kubernetes data this check needs.
    p('No kubeconfig given (KUBECONFIG or --kubeconfig), skipping service check');
  } else {
    const kube = await import('./kube.js');
    const services = await kube.listServices(await kube.loadKubeconfig(opts.kubeconfig), ds.timeoutMs);
    const {KubeControllersConfigurationKind} = await import('../registry/kinds/kubecontrollersconfiguration.js');
    const kcc = await ds.get({kind: KubeControllersConfigurationKind, name: 'default'});
    const lb = kcc.spec?.controllers?.loadBalancer;
    if (!lb) p('No configuration for LoadBalancer kubecontroller found, skipping service check');
    else {
      let count = 0;
      for (const svc of services) {
        if (!kube.isCalicoManagedLoadBalancer(svc, String(lb.assignIPs ?? ''))) continue;
        count++;
        for (const ingress of svc.status?.loadBalancer?.ingress ?? []) recordInUseIP(ingress.ip ?? '', svc.metadata?.name ?? '');
      }
      p(`Found ${count} service load balancer(s).`);
    }
  }
  p('');

  p('Loading all workload endpoints.');
  let numWEPIPs = 0;
  for (const w of await ds.list(WorkloadEndpointKind)) {
    for (const addr of (w.spec?.ipNetworks ?? []) as string[]) {
      recordInUseIP(normaliseIP(addr, `IP (${addr}) of workload ${w.metadata.namespace}/${w.metadata.name}`), `Workload(${w.metadata.namespace}/${w.metadata.name})`);
      numWEPIPs++;
    }
  }
  p(`Found ${numWEPIPs} workload IPs.`);
  p(`Workloads and nodes are using ${inUseIPs.size} IPs.`);
  p('');

  p('Loading all handles');
  const handles = new Map<string, HandleInfo>();
  for (const kv of await ds.raw.list(HANDLE_PREFIX)) {
    const id = kv.key.slice(HANDLE_PREFIX.length);
    if (id === '' || id.includes('/')) continue;
    handles.set(id, {ID: id, UID: null, Revision: kv.modRevision});
  }

  p('Looking for top (up to 20) nodes by allocations...');
  // Ties by name, so the output is stable (calicoctl's order is random there).
  const nodes = [...allocationsByNode.keys()].sort((a, b) => allocationsByNode.get(b)!.length - allocationsByNode.get(a)!.length || compareBytes(a, b));
  nodes.slice(0, 20).forEach((n) => p(`  ${n} has ${allocationsByNode.get(n)!.length} allocations`));
  if (nodes.length > 0) {
    p(`Node with most allocations has ${allocationsByNode.get(nodes[0])!.length}; median is ${allocationsByNode.get(nodes[Math.floor(nodes.length / 2)])!.length}`);
  }
  p('');

  let numProblems = 0;
  p('Scanning for IPs that are allocated but not actually in use...');
  let leaked = 0;
  for (const [ip, allocs] of allocations) {
    if (inUseIPs.has(ip)) continue;
    if (showProblemIPs) for (const a of allocs) p(`  ${ip} leaked; attrs ${attrString(a)}`);
    leaked++;
  }
  numProblems += leaked;
  p(`Found ${leaked} IPs that are allocated in IPAM but not actually in use.`);

  p('Scanning for IPs that are in use by a workload or node but not allocated in IPAM...');
  let nonCalico = 0;
  let notAllocated = 0;
  for (const [ip, owners] of inUseIPs) {
    if (showProblemIPs && owners.length > 1) p(`  ${ip} has multiple owners.`);
    if (allocations.has(ip)) continue;
    const parsed = parseIPOrCIDR(ip)!.ip;
    if (!activePools.some((c) => cidrContainsIP(c, parsed))) {
      if (showProblemIPs) for (const o of owners) p(`  ${ip} in use by ${o} is not in any active IP pool.`);
      nonCalico++;
      continue;
    }
    if (showProblemIPs) for (const o of owners) p(`  ${ip} in use by ${o} and in active IPAM pool but has no IPAM allocation.`);
    notAllocated++;
  }
  numProblems += nonCalico + notAllocated;
  p(`Found ${nonCalico} in-use IPs that are not in active IP pools.`);
  p(`Found ${notAllocated} in-use IPs that are in active IP pools but have no corresponding IPAM allocation.`);
  p('');

  p('Scanning for IPAM handles with no matching IPs...');
  let goodHandles = 0;
  const leakedHandles: HandleInfo[] = [];
  for (const [id, info] of handles) {
    if (inUseHandles.has(id)) {
      goodHandles++;
      continue;
    }
    if (opts.showAllIPs) p(`  ${id} doesn't have any active IPs.`);
    numProblems++;
    leakedHandles.push(info);
  }
  p(`Found ${leakedHandles.length} handles with no matching IPs (and ${goodHandles} handles with matches).`);

  p('Scanning for IPs with missing handle...');
  let missing = 0;
  for (const id of inUseHandles) {
    if (handles.has(id)) continue;
    if (showProblemIPs) p(`  ${id} is in use in a block but doesn't exist.`);
    missing++;
  }
  p(`Found ${missing} handles mentioned in blocks with no matching handle resource.`);
  p(`Check complete; found ${numProblems} problems.`);

  if (opts.outFile) {
    const report: Report = {
      version: CLIENT_VERSION,
      clusterGUID,
      datastoreLocked,
      clusterInformationRevision: clusterInfoRevision,
      clusterType,
      allocations: Object.fromEntries([...allocations].map(([ip, list]) => [ip, list.map(({block: _b, attributes: _a, ...rest}) => rest)])),
      leakedHandles,
    };
    // Mode 0777 less the umask for a new file, as calicoctl's os.WriteFile; unlike calicoctl (which ignores
    // it) a failed write is an error.
    try {
      writeFileSync(opts.outFile, reportToJson(report), {mode: 0o777});
    } catch (err) {
      throw new CliError(`failed to write the report ${opts.outFile}: ${errorMessage(err)}`);
    }
  }
}
