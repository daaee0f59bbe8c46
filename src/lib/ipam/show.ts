// `calicoctl ipam show`: pool/block utilisation, one IP, borrowed IPs and the IPAM configuration
// (calicoctl commands/ipam/show.go + libcalico-go ipam GetUtilization, same numbers and layout).
import type {Datastore} from '../datastore/types.js';
import {type CIDR, cidrSize, cidrsOverlap, formatCIDR, formatIP, parseCIDR, type IPAddr} from '../net/ip.js';
import {renderBoxTable} from '../printers/box-table.js';
import {formatG, formatUsage} from './format.js';
import {GoMap, type JsonValue, compareBytes, stringifyJson} from './json.js';
import {type AllocationAttribute, type AllocationBlock, attributesOf, blockKey, inUseCount, numAddresses, ordinalToIP, parseBlock} from './model.js';
import {blockCIDRFor, listBlocks, listPools, poolForIP} from './pools.js';
import {readIPAMConfig} from './config.js';

export interface BlockUsage {
  cidr: CIDR;
  capacity: number;
  inUse: number;
}

export interface PoolUsage {
  /** Pool name; undefined for the pseudo-pool of orphaned blocks. */
  name?: string;
  cidr: CIDR;
  blocks: BlockUsage[];
}

/** GetUtilization: every pool in name order plus the 0.0.0.0/0 pseudo-pool; each block goes to the first overlapping pool. */
export async function utilization(ds: Datastore): Promise<PoolUsage[]> {
  const usage: PoolUsage[] = (await listPools(ds)).map((p) => ({name: p.name, cidr: p.cidr, blocks: []}));
  const orphans = parseCIDR('0.0.0.0/0')!;
  usage.push({cidr: orphans, blocks: []});
  for (const {block} of await listBlocks(ds.raw)) {
    const owner = usage.find((u) => cidrsOverlap(u.cidr, block.cidr));
    owner?.blocks.push({cidr: block.cidr, capacity: numAddresses(block), inUse: inUseCount(block)});
  }
  return usage;
}

const row = (grouping: string, cidr: CIDR, inUse: number, capacity: number) => [
  grouping,
  formatCIDR(cidr),
  formatG(capacity),
  formatUsage(inUse, capacity),
  formatUsage(capacity - inUse, capacity),
];

export function renderUtilization(usage: readonly PoolUsage[], showBlocks: boolean): string {
  const rows: string[][] = [];
  for (const pool of usage) {
    // float64 maths as calicoctl: pool sizes beyond 2^53 round the same way.
    const poolInUse = pool.blocks.reduce((a, b) => a + b.inUse, 0);
    if (pool.cidr.prefix > 0) rows.push(row('IP Pool', pool.cidr, poolInUse, Number(cidrSize(pool.cidr))));
    if (showBlocks) for (const b of pool.blocks) rows.push(row('Block', b.cidr, b.inUse, b.capacity));
  }
  return renderBoxTable(['GROUPING', 'CIDR', 'IPS TOTAL', 'IPS IN USE', 'IPS FREE'], rows);
}

/** `-o json` (beyond calicoctl): exact integers, orphan blocks listed separately. */
export function utilizationJson(usage: readonly PoolUsage[], showBlocks: boolean): string {
  const blockJson = (b: BlockUsage): JsonValue => ({cidr: formatCIDR(b.cidr), total: b.capacity, inUse: b.inUse, free: b.capacity - b.inUse});
  const pools: JsonValue[] = [];
  let orphans: JsonValue[] = [];
  for (const p of usage) {
    if (p.name === undefined) {
      orphans = p.blocks.map(blockJson);
      continue;
    }
    const total = cidrSize(p.cidr);
    const inUse = BigInt(p.blocks.reduce((a, b) => a + b.inUse, 0));
    pools.push({
      name: p.name,
      cidr: formatCIDR(p.cidr),
      total,
      inUse,
      free: total - inUse,
      blocks: showBlocks ? p.blocks.map(blockJson) : undefined,
    } as JsonValue);
  }
  return stringifyJson({pools, orphanBlocks: showBlocks ? orphans : undefined} as JsonValue, '  ') + '\n';
}

export interface IPAssignment {
  ip: IPAddr;
  block: AllocationBlock;
  ordinal: number;
  attributes: AllocationAttribute;
}

/** GetAssignmentAttributes: the enabled pool for the IP gives the block; undefined = not assigned. */
export async function findAssignment(ds: Datastore, ip: IPAddr): Promise<IPAssignment | undefined> {
  const pool = poolForIP(await listPools(ds), ip, true);
  if (!pool) return undefined;
  const cidr = blockCIDRFor(ip, pool);
  const kv = await ds.raw.get(blockKey(cidr));
  if (!kv) return undefined;
  const block = parseBlock(kv.value, cidr);
  const ordinal = Number(ip.value - block.cidr.network.value);
  if (ordinal < 0 || ordinal >= numAddresses(block)) return undefined;
  const attributes = attributesOf(block, ordinal);
  return attributes ? {ip, block, ordinal, attributes} : undefined;
}

function ownerSection(title: string, attrs: Record<string, string> | undefined): string {
  const keys = Object.keys(attrs ?? {}).sort(compareBytes);
  if (keys.length === 0) return '';
  return `${title}:\n` + keys.map((k) => `  ${k}: ${attrs![k]}\n`).join('');
}

export function renderIP(ip: IPAddr, a: IPAssignment | undefined): string {
  if (!a) return `${formatIP(ip)} is not assigned\n`;
  let out = `IP ${formatIP(ip)} is in use\n`;
  out += `Handle ID: ${a.attributes.handleId ?? '<none>'}\n`;
  out += ownerSection('Active Owner Attributes', a.attributes.activeOwnerAttrs) || 'No Active Owner attributes defined\n';
  out += ownerSection('Alternate Owner Attributes', a.attributes.alternateOwnerAttrs);
  return out;
}

export function ipJson(ip: IPAddr, a: IPAssignment | undefined): string {
  const value: JsonValue = a
    ? {
        ip: formatIP(ip),
        inUse: true,
        handleId: a.attributes.handleId ?? null,
        block: formatCIDR(a.block.cidr),
        activeOwnerAttributes: new GoMap(a.attributes.activeOwnerAttrs ?? {}),
        alternateOwnerAttributes: new GoMap(a.attributes.alternateOwnerAttrs ?? {}),
      }
    : {ip: formatIP(ip), inUse: false};
  return stringifyJson(value, '  ') + '\n';
}

export interface BorrowedIP {
  addr: string;
  borrowingNode: string;
  block: string;
  blockOwner: string;
  allocationType: string;
  allocatedTo: string;
}

/** Allocations whose `node` attribute differs from the block's affinity host (or from blocks without one). */
export async function borrowedIPs(ds: Datastore): Promise<{borrowed: BorrowedIP[]; unclassified: number}> {
  const borrowed: BorrowedIP[] = [];
  let unclassified = 0;
  for (const {block: b} of await listBlocks(ds.raw)) {
    (b.allocations ?? []).forEach((idx, ordinal) => {
      if (idx === null) return;
      const attrs = b.attributes?.[idx]?.activeOwnerAttrs ?? {};
      let blockOwner = '';
      if (b.affinity !== null) {
        const parts = b.affinity.split(':');
        blockOwner = parts.length === 2 ? parts[1] : parts[0];
      }
      if (!('node' in attrs)) {
        unclassified++;
        return;
      }
      if (attrs.node === blockOwner) return;
      const ns = attrs.namespace ?? '';
      let allocationType = '';
      let allocatedTo = '';
      if ('vmi-name' in attrs) {
        allocationType = 'vmi';
        allocatedTo = `${ns}/${attrs['vmi-name']}`;
      } else if ('pod' in attrs) {
        allocationType = 'pod';
        allocatedTo = `${ns}/${attrs.pod}`;
      } else if ('type' in attrs) {
        allocationType = attrs.type;
      }
      borrowed.push({addr: formatIP(ordinalToIP(b, ordinal)), borrowingNode: attrs.node, block: formatCIDR(b.cidr), blockOwner, allocationType, allocatedTo});
    });
  }
  return {borrowed, unclassified};
}

export function renderBorrowed(r: {borrowed: BorrowedIP[]; unclassified: number}): string {
  let out = renderBoxTable(
    ['IP', 'BORROWING-NODE', 'BLOCK', 'BLOCK OWNER', 'TYPE', 'ALLOCATED-TO'],
    r.borrowed.map((b) => [b.addr, b.borrowingNode, b.block, b.blockOwner, b.allocationType, b.allocatedTo]),
  );
  if (r.unclassified !== 0) {
    out += `\nNote: found ${r.unclassified} IP allocations without an explicit node association. Unable to determine if they are borrowed.\n`;
  }
  return out;
}

export function borrowedJson(r: {borrowed: BorrowedIP[]; unclassified: number}): string {
  const value: JsonValue = {
    borrowed: r.borrowed.map((b) => ({ip: b.addr, borrowingNode: b.borrowingNode, block: b.block, blockOwner: b.blockOwner, type: b.allocationType, allocatedTo: b.allocatedTo})),
    allocationsWithoutNode: r.unclassified,
  };
  return stringifyJson(value, '  ') + '\n';
}

/** `--show-configuration`: Go `%#v` of each field of ipam.IPAMConfig, in struct order. */
export async function renderConfiguration(ds: Datastore, json: boolean): Promise<string> {
  const cfg = await readIPAMConfig(ds.raw);
  if (json) {
    return (
      stringifyJson(
        {
          strictAffinity: cfg.strictAffinity,
          autoAllocateBlocks: cfg.autoAllocateBlocks,
          maxBlocksPerHost: cfg.maxBlocksPerHost,
          kubeVirtVMAddressPersistence: cfg.kubeVirtVMAddressPersistence ?? null,
        },
        '  ',
      ) + '\n'
    );
  }
  const persistence = cfg.kubeVirtVMAddressPersistence;
  return renderBoxTable(
    ['PROPERTY', 'VALUE'],
    [
      ['StrictAffinity', String(cfg.strictAffinity)],
      ['AutoAllocateBlocks', String(cfg.autoAllocateBlocks)],
      ['MaxBlocksPerHost', String(cfg.maxBlocksPerHost)],
      // A pointer field: calicoctl's %#v prints a random address when set; we print the value instead.
      ['KubeVirtVMAddressPersistence', persistence === undefined ? '(*ipam.VMAddressPersistence)(nil)' : JSON.stringify(persistence)],
    ],
  );
}
