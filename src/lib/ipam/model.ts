// IPAM data exactly as Calico stores it in etcd (libcalico-go backend/model block.go, block_affinity.go,
// ipam_handle.go, ipam_config.go): keys, the 3.32 value layout (Go field order, omitempty rules) and the
// older 3.13 block layout (strictAffinity, no sequence numbers), which is read and rewritten as 3.32 does.
import {type CIDR, type IPAddr, addToIP, cidrSize, formatCIDR, parseCIDR} from '../net/ip.js';
import {GoMap, type JsonValue, isJsonObject, parseJson, stringifyJson} from './json.js';

export const IPAM_PREFIX = '/calico/ipam/v2/';
export const BLOCK_PREFIX = '/calico/ipam/v2/assignment/';
export const HANDLE_PREFIX = '/calico/ipam/v2/handle/';
export const IPAM_CONFIG_KEY = '/calico/ipam/v2/config';
/** Affinities live under `/calico/ipam/v2/<host|virtual>/<name>/ipv<4|6>/block/<cidr>`. */
export const AFFINITY_PREFIXES = ['/calico/ipam/v2/host/', '/calico/ipam/v2/virtual/'] as const;

/** Handle used by Calico for Windows' reserved addresses; such allocations do not make a block "used". */
export const WINDOWS_RESERVED_HANDLE = 'windows-reserved-ipam-handle';

const cidrPath = (c: {network: IPAddr; prefix: number}) => formatCIDR(c).replace('/', '-');

export function blockKey(cidr: CIDR): string {
  return `${BLOCK_PREFIX}ipv${cidr.network.family}/block/${cidrPath(cidr)}`;
}

export function affinityKey(type: string, host: string, cidr: CIDR): string {
  return `${IPAM_PREFIX}${type}/${host}/ipv${cidr.network.family}/block/${cidrPath(cidr)}`;
}

export function handleKey(handleId: string): string {
  return HANDLE_PREFIX + handleId;
}

/** CIDR of a block key (`…/block/10.0.0.0-26`), undefined for other keys. */
export function cidrFromBlockKey(key: string): CIDR | undefined {
  const m = /^\/calico\/ipam\/v2\/assignment\/ipv[46]\/block\/([^/]+)$/.exec(key);
  return m ? parseCIDR(m[1].replace('-', '/')) : undefined;
}

export interface AffinityKeyParts {
  type: string;
  host: string;
  cidr: CIDR;
}

export function parseAffinityKey(key: string): AffinityKeyParts | undefined {
  const m = /^\/calico\/ipam\/v2\/(host|virtual)\/([^/]+)\/ipv[46]\/block\/([^/]+)$/.exec(key);
  const cidr = m ? parseCIDR(m[3].replace('-', '/')) : undefined;
  return m && cidr ? {type: m[1], host: m[2], cidr} : undefined;
}

// ---------------------------------------------------------------------------------------------------
// Blocks

export interface AllocationAttribute {
  /** `handle_id`; undefined = absent/null. */
  handleId?: string;
  /** `secondary`: the active owner's attributes (node, pod, namespace, timestamp, type ...). */
  activeOwnerAttrs?: Record<string, string>;
  alternateOwnerAttrs?: Record<string, string>;
}

export interface AllocationBlock {
  cidr: CIDR;
  /** `host:<node>`, `virtual:<name>` or null. */
  affinity: string | null;
  affinityClaimTime?: string;
  /** One entry per address; null = free, else an index into `attributes`. null = Go nil slice. */
  allocations: (number | null)[] | null;
  unallocated: number[] | null;
  attributes: AllocationAttribute[] | null;
  sequenceNumber: bigint;
  /** null = Go nil map (3.13 blocks, fresh blocks written by old code). */
  sequenceNumberForAllocation: Map<string, bigint> | null;
  deleted: boolean;
  /** Legacy field, kept when present. */
  hostAffinity?: string;
}

const asBig = (v: JsonValue | undefined): bigint => {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  return 0n;
};

const strMap = (v: JsonValue | undefined): Record<string, string> | undefined => {
  if (!isJsonObject(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) out[k] = typeof x === 'string' ? x : String(x);
  return out;
};

/** Parses a stored block value (3.32 or 3.13 layout). `cidrHint` is the key's CIDR, used if the value lacks one. */
export function parseBlock(text: string, cidrHint?: CIDR): AllocationBlock {
  const v = parseJson(text);
  if (!isJsonObject(v)) throw new Error('block value is not a JSON object');
  const cidr = typeof v.cidr === 'string' ? parseCIDR(v.cidr) : cidrHint;
  if (!cidr) throw new Error(`block has an invalid cidr: ${String(v.cidr)}`);
  const seqMap = v.sequenceNumberForAllocation;
  return {
    cidr: {ip: cidr.network, prefix: cidr.prefix, network: cidr.network},
    affinity: typeof v.affinity === 'string' ? v.affinity : null,
    affinityClaimTime: typeof v.affinity_claim_time === 'string' ? v.affinity_claim_time : undefined,
    allocations: Array.isArray(v.allocations) ? v.allocations.map((a) => (typeof a === 'number' ? a : null)) : null,
    unallocated: Array.isArray(v.unallocated) ? v.unallocated.filter((a): a is number => typeof a === 'number') : null,
    attributes: Array.isArray(v.attributes)
      ? v.attributes.map((a) => {
          const o = isJsonObject(a) ? a : {};
          return {
            handleId: typeof o.handle_id === 'string' ? o.handle_id : undefined,
            activeOwnerAttrs: strMap(o.secondary),
            alternateOwnerAttrs: strMap(o.alternateOwnerAttrs),
          };
        })
      : null,
    sequenceNumber: asBig(v.sequenceNumber),
    sequenceNumberForAllocation: isJsonObject(seqMap) ? new Map(Object.entries(seqMap).map(([k, n]) => [k, asBig(n)])) : null,
    deleted: v.deleted === true,
    hostAffinity: typeof v.hostAffinity === 'string' ? v.hostAffinity : undefined,
  };
}

const nonEmpty = (m: Record<string, string> | undefined) => (m && Object.keys(m).length > 0 ? new GoMap(m) : undefined);

/** The block as Go's json.Marshal writes a 3.32 model.AllocationBlock (value object, before stringify). */
export function blockToJson(b: AllocationBlock): JsonValue {
  const seq = b.sequenceNumberForAllocation;
  return {
    cidr: formatCIDR(b.cidr),
    affinity: b.affinity,
    affinity_claim_time: b.affinityClaimTime,
    allocations: b.allocations,
    unallocated: b.unallocated,
    attributes:
      b.attributes?.map((a) => ({
        handle_id: a.handleId,
        secondary: nonEmpty(a.activeOwnerAttrs),
        alternateOwnerAttrs: nonEmpty(a.alternateOwnerAttrs),
      })) ?? null,
    sequenceNumber: b.sequenceNumber,
    sequenceNumberForAllocation: seq ? new GoMap(Object.fromEntries(seq)) : null,
    deleted: b.deleted,
    hostAffinity: b.hostAffinity,
  };
}

export function serializeBlock(b: AllocationBlock): string {
  return stringifyJson(blockToJson(b));
}

export function numAddresses(b: AllocationBlock): number {
  return Number(cidrSize(b.cidr));
}

export function ordinalToIP(b: AllocationBlock, ordinal: number): IPAddr {
  return addToIP(b.cidr.network, BigInt(ordinal));
}

export function ipToOrdinal(b: AllocationBlock, ip: IPAddr): number | undefined {
  if (ip.family !== b.cidr.network.family) return undefined;
  const ord = ip.value - b.cidr.network.value;
  return ord < 0n || ord >= cidrSize(b.cidr) ? undefined : Number(ord);
}

/** Go's `strings.Split(handle, "\r")[0]`: old host-local migrations wrote malformed handles. */
export function sanitizeHandle(h: string): string {
  return h.split('\r')[0];
}

/** Attributes of an allocated ordinal (undefined when free or the index is dangling). */
export function attributesOf(b: AllocationBlock, ordinal: number): AllocationAttribute | undefined {
  const idx = b.allocations?.[ordinal];
  return idx === null || idx === undefined ? undefined : b.attributes?.[idx];
}

/** True when only Windows-reserved addresses remain allocated. */
export function blockIsEmpty(b: AllocationBlock): boolean {
  for (const idx of b.allocations ?? []) {
    if (idx === null) continue;
    const h = b.attributes?.[idx]?.handleId;
    if (h === undefined || h.toLowerCase() !== WINDOWS_RESERVED_HANDLE) return false;
  }
  return true;
}

/** The node or VM name of `host:<n>` / `virtual:<n>` affinities, '' otherwise. */
export function blockHost(b: AllocationBlock): string {
  const m = /^(host|virtual):(.*)$/s.exec(b.affinity ?? '');
  return m ? m[2] : '';
}

export function blockAffinityType(b: AllocationBlock): string {
  const m = /^(host|virtual):/.exec(b.affinity ?? '');
  return m ? m[1] : '';
}

export function inUseCount(b: AllocationBlock): number {
  return numAddresses(b) - (b.unallocated?.length ?? 0);
}

// ---------------------------------------------------------------------------------------------------
// Affinities, handles, config

export interface BlockAffinity {
  state: string;
  deleted: boolean;
}

export function parseAffinity(text: string): BlockAffinity {
  // A very old affinity value is empty.
  const v = text.trim() === '' ? {} : parseJson(text);
  const o = isJsonObject(v) ? v : {};
  return {state: typeof o.state === 'string' ? o.state : '', deleted: o.deleted === true};
}

export function serializeAffinity(a: BlockAffinity): string {
  return stringifyJson({state: a.state, deleted: a.deleted});
}

export interface IPAMHandle {
  /** Block CIDR -> number of addresses; null = Go nil map. */
  block: Map<string, number> | null;
  deleted: boolean;
}

export function parseHandle(text: string): IPAMHandle {
  const v = parseJson(text);
  const o = isJsonObject(v) ? v : {};
  const blocks = isJsonObject(o.block) ? new Map(Object.entries(o.block).map(([k, n]) => [k, Number(n)])) : null;
  return {block: blocks, deleted: o.deleted === true};
}

export function handleToJson(h: IPAMHandle): JsonValue {
  return {block: h.block ? new GoMap(Object.fromEntries(h.block)) : null, deleted: h.deleted};
}

export function serializeHandle(h: IPAMHandle): string {
  return stringifyJson(handleToJson(h));
}

export interface IPAMConfig {
  strictAffinity: boolean;
  autoAllocateBlocks: boolean;
  maxBlocksPerHost: number;
  kubeVirtVMAddressPersistence?: string;
}

/** What 3.32 IPAM writes when it finds no config (GetIPAMConfig). */
export const DEFAULT_IPAM_CONFIG: IPAMConfig = Object.freeze({
  strictAffinity: false,
  autoAllocateBlocks: true,
  maxBlocksPerHost: 0,
  kubeVirtVMAddressPersistence: 'Enabled',
});

export function parseIPAMConfig(text: string): IPAMConfig {
  const v = parseJson(text);
  const o = isJsonObject(v) ? v : {};
  return {
    strictAffinity: o.strict_affinity === true,
    autoAllocateBlocks: o.auto_allocate_blocks === true,
    maxBlocksPerHost: typeof o.maxBlocksPerHost === 'number' ? o.maxBlocksPerHost : 0,
    kubeVirtVMAddressPersistence: typeof o.kubeVirtVMAddressPersistence === 'string' ? o.kubeVirtVMAddressPersistence : undefined,
  };
}

export function ipamConfigToJson(c: IPAMConfig): JsonValue {
  // Every field is omitempty in Go.
  return {
    strict_affinity: c.strictAffinity || undefined,
    auto_allocate_blocks: c.autoAllocateBlocks || undefined,
    maxBlocksPerHost: c.maxBlocksPerHost || undefined,
    kubeVirtVMAddressPersistence: c.kubeVirtVMAddressPersistence,
  } as JsonValue;
}

export function serializeIPAMConfig(c: IPAMConfig): string {
  return stringifyJson(ipamConfigToJson(c));
}
