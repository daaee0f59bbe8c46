// Releasing addresses exactly as libcalico-go's ipam.ReleaseIPs writes it: one compare-and-swap update
// (or delete) of each block, then the handle counts, then the affinity check of the block's node.
import type {Datastore, RawStore} from '../datastore/types.js';
import {type CIDR, type IPAddr, cidrContainsIP, formatCIDR, formatIP, parseIP} from '../net/ip.js';
import {NodeKind} from '../registry/kinds/node.js';
import {log} from '../log.js';
import {
  type AllocationBlock,
  affinityKey,
  blockAffinityType,
  blockHost,
  blockIsEmpty,
  blockKey,
  handleKey,
  ipToOrdinal,
  parseAffinity,
  parseBlock,
  parseHandle,
  sanitizeHandle,
  serializeAffinity,
  serializeBlock,
  serializeHandle,
} from './model.js';
import {type Pool, blockCIDRFor, listBlocks, listPools, poolForIP} from './pools.js';

const DATASTORE_RETRIES = 100;

export interface ReleaseOptions {
  address: string;
  /** Only release when the allocation still carries this handle. */
  handle?: string;
  /** Only release when the allocation's sequence number still matches (decimal string). */
  sequenceNumber?: string;
}

/** A release refused because the caller's view is out of date (Calico's ErrorResourceUpdateConflict). */
export class ReleaseConflict extends Error {}

export interface BlockRelease {
  unallocated: IPAddr[];
  /** Released address count per (sanitised) handle. */
  countByHandle: Map<string, number>;
  released: number[];
}

/**
 * The in-memory part of a release (allocationBlock.release): validates sequence numbers and handles,
 * frees the ordinals, drops attributes whose last reference went and renumbers the rest.
 */
export function releaseFromBlock(b: AllocationBlock, requests: readonly ReleaseOptions[]): BlockRelease {
  const unique = new Map<string, ReleaseOptions>();
  for (const r of requests) unique.set(r.address, r);
  const unallocated: IPAddr[] = [];
  const countByHandle = new Map<string, number>();
  const ordinals: number[] = [];
  const delRefCounts = new Map<number, number>();
  for (const [address, opts] of unique) {
    const ip = parseIP(address)!;
    const ordinal = ipToOrdinal(b, ip);
    if (ordinal === undefined) throw new Error(`IP ${formatIP(ip)} not in block ${formatCIDR(b.cidr)}`);
    const stored = b.sequenceNumberForAllocation?.get(String(ordinal)) ?? 0n;
    if (opts.sequenceNumber !== undefined && BigInt(opts.sequenceNumber) !== stored) {
      throw new ReleaseConflict(`update conflict: ${address}`);
    }
    const attrIdx = b.allocations?.[ordinal] ?? null;
    if (attrIdx === null) {
      unallocated.push(ip);
      continue;
    }
    ordinals.push(ordinal);
    const rawHandle = b.attributes?.[attrIdx]?.handleId;
    const handleId = rawHandle === undefined ? '' : sanitizeHandle(rawHandle);
    if (opts.handle && handleId !== opts.handle) throw new ReleaseConflict(`update conflict: ${address}`);
    delRefCounts.set(attrIdx, (delRefCounts.get(attrIdx) ?? 0) + 1);
    if (handleId !== '') countByHandle.set(handleId, (countByHandle.get(handleId) ?? 0) + 1);
  }
  const refCounts = new Map<number, number>();
  for (const a of b.allocations ?? []) if (a !== null) refCounts.set(a, (refCounts.get(a) ?? 0) + 1);
  const toDelete = [...delRefCounts].filter(([idx, refs]) => refCounts.get(idx) === refs).map(([idx]) => idx);
  if (toDelete.length > 0) deleteAttributes(b, toDelete);
  for (const o of ordinals) {
    b.allocations![o] = null;
    (b.unallocated ??= []).push(o);
    b.sequenceNumberForAllocation?.delete(String(o));
  }
  return {unallocated, countByHandle, released: ordinals};
}

function deleteAttributes(b: AllocationBlock, indexes: readonly number[]): void {
  const remap = new Map<number, number>();
  const kept: NonNullable<AllocationBlock['attributes']> = [];
  (b.attributes ?? []).forEach((a, i) => {
    if (indexes.includes(i)) return;
    remap.set(i, kept.length);
    kept.push(a);
  });
  b.attributes = kept;
  if (b.allocations) b.allocations = b.allocations.map((a) => (a === null ? null : (remap.get(a) ?? null)));
}

export interface ReleaseResult {
  /** Addresses that were not allocated (nothing to release). */
  unallocated: IPAddr[];
  /** First error hit (other blocks are still processed, as Calico does). */
  error?: Error;
}

/** ipam.ReleaseIPs: groups addresses by block and releases each block's addresses in one CAS write. */
export async function releaseIPs(ds: Datastore, requests: readonly ReleaseOptions[]): Promise<ReleaseResult> {
  const pools = await listPools(ds);
  const byBlock = new Map<string, {cidr: CIDR; requests: ReleaseOptions[]}>();
  const unallocated: IPAddr[] = [];
  let scanned: {cidr: CIDR}[] | undefined;
  for (const r of requests) {
    const ip = parseIP(r.address);
    if (!ip) return {unallocated, error: new Error(`failed to parse the given IP: ${r.address}`)};
    const pool = poolForIP(pools, ip, false);
    let cidr: CIDR | undefined;
    if (pool) cidr = blockCIDRFor(ip, pool);
    else {
      log.warn(`The IP ${formatIP(ip)} is not in any configured pool, trying to find the block by full scan.`);
      scanned ??= (await listBlocks(ds.raw)).map((s) => ({cidr: s.block.cidr}));
      cidr = scanned.find((s) => cidrContainsIP(s.cidr, ip))?.cidr;
      if (!cidr) {
        unallocated.push(ip);
        continue;
      }
    }
    const id = formatCIDR(cidr);
    if (!byBlock.has(id)) byBlock.set(id, {cidr, requests: []});
    byBlock.get(id)!.requests.push({...r, handle: r.handle === undefined ? undefined : sanitizeHandle(r.handle)});
  }
  let error: Error | undefined;
  for (const {cidr, requests: reqs} of byBlock.values()) {
    try {
      unallocated.push(...(await releaseFromStoredBlock(ds, pools, cidr, reqs)));
    } catch (err) {
      error ??= err instanceof Error ? err : new Error(String(err));
    }
  }
  return {unallocated, error};
}

async function releaseFromStoredBlock(ds: Datastore, pools: readonly Pool[], cidr: CIDR, reqs: ReleaseOptions[]): Promise<IPAddr[]> {
  for (let attempt = 0; attempt < DATASTORE_RETRIES; attempt++) {
    const kv = await ds.raw.get(blockKey(cidr));
    if (!kv) return reqs.map((r) => parseIP(r.address)!);
    const block = parseBlock(kv.value, cidr);
    const result = releaseFromBlock(block, reqs);
    if (result.unallocated.length === reqs.length) return result.unallocated;
    let ok: boolean;
    if (blockIsEmpty(block) && block.affinity === null) {
      ok = await ds.raw.txn([{op: 'delete', key: kv.key, expectModRevision: kv.modRevision}]);
    } else {
      block.sequenceNumber += 1n;
      ok = await ds.raw.txn([{op: 'put', key: kv.key, value: serializeBlock(block), expectModRevision: kv.modRevision}]);
    }
    if (!ok) {
      log.warn(`Failed to update block - retry #${attempt}`);
      continue;
    }
    for (const [handleId, count] of result.countByHandle) {
      try {
        await decrementHandle(ds.raw, handleId, cidr, count);
      } catch (err) {
        log.warn(`Failed to decrement handle: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    try {
      await ensureConsistentAffinity(ds, pools, block);
    } catch (err) {
      log.warn(`Error ensuring consistent affinity but IP already released: ${err instanceof Error ? err.message : String(err)}`);
    }
    return result.unallocated;
  }
  throw new Error('Max retries hit - excessive concurrent IPAM requests');
}

/** Decrements the handle's count for the block; removes the block entry at 0 and the handle when empty (CAS). */
export async function decrementHandle(raw: RawStore, handleId: string, cidr: CIDR, count: number): Promise<void> {
  const id = formatCIDR(cidr);
  for (let attempt = 0; attempt < DATASTORE_RETRIES; attempt++) {
    const kv = await raw.get(handleKey(handleId));
    if (!kv) throw new Error(`resource does not exist: IPAMHandle(${handleId}) with error: <nil>`);
    const handle = parseHandle(kv.value);
    const current = handle.block?.get(id);
    if (current === undefined) throw new Error(`Tried to decrement block ${id} by ${count} but it isn't linked to handle ${handleId}`);
    if (current - count < 0) {
      throw new Error(`Tried to decrement block ${id} by ${count} but it only has ${current} addresses on handle ${handleId}`);
    }
    if (current - count === 0) handle.block!.delete(id);
    else handle.block!.set(id, current - count);
    const ok =
      (handle.block?.size ?? 0) === 0
        ? await raw.txn([{op: 'delete', key: kv.key, expectModRevision: kv.modRevision}])
        : await raw.txn([{op: 'put', key: kv.key, value: serializeHandle(handle), expectModRevision: kv.modRevision}]);
    if (ok) return;
  }
  throw new Error('Max retries hit - excessive concurrent IPAM requests');
}

/** Whether the pool's nodeSelector selects the node; on a bad selector Calico keeps the affinity. */
async function poolSelectsNode(selector: string, labels: Record<string, string>): Promise<boolean> {
  const {parseSelector} = await import('../selector/index.js');
  try {
    return parseSelector(selector).matches(labels);
  } catch {
    return true;
  }
}

/**
 * After a release, if the block's pool no longer selects the block's node, the now-empty block gives up
 * its affinity (ipam.ensureConsistentAffinity + releaseBlockAffinity with RequireEmpty).
 */
async function ensureConsistentAffinity(ds: Datastore, pools: readonly Pool[], block: AllocationBlock): Promise<void> {
  const host = blockHost(block);
  if (host === '') return;
  let labels: Record<string, string>;
  try {
    labels = (await ds.get({kind: NodeKind, name: host})).metadata.labels ?? {};
  } catch {
    return; // no such node: nothing to check
  }
  const pool = poolForIP(pools, block.cidr.network, true);
  if (!pool) return;
  if (await poolSelectsNode(pool.nodeSelector, labels)) return;
  await releaseBlockAffinity(ds.raw, blockAffinityType(block) || 'host', host, block.cidr, {requireEmpty: true});
}

/**
 * libcalico-go releaseBlockAffinity: marks the affinity pendingDeletion, deletes the block if it holds no
 * allocation (else clears its affinity and claim time, sequence number + 1), then deletes the affinity; every
 * write is a compare-and-swap. With requireEmpty a block still in use keeps its affinity. A stale affinity
 * (the block is affine elsewhere) is just deleted. Resolves false when nothing was released.
 */
export async function releaseBlockAffinity(raw: RawStore, type: string, host: string, cidr: CIDR, opts: {requireEmpty: boolean}): Promise<boolean> {
  const affKV = await raw.get(affinityKey(type, host, cidr));
  if (!affKV) return false;
  const blockKV = await raw.get(blockKey(cidr));
  if (!blockKV) return false;
  const block = parseBlock(blockKV.value, cidr);
  if (block.affinity !== null && block.affinity !== `${type}:${host}`) {
    await raw.txn([{op: 'delete', key: affKV.key, expectModRevision: affKV.modRevision}]);
    return false;
  }
  const empty = blockIsEmpty(block);
  if (opts.requireEmpty && !empty) return false;
  const pending = {...parseAffinity(affKV.value), state: 'pendingDeletion'};
  if (!(await raw.txn([{op: 'put', key: affKV.key, value: serializeAffinity(pending), expectModRevision: affKV.modRevision}]))) {
    throw new Error(`update conflict: BlockAffinityKey(cidr=${formatCIDR(cidr)}, host=${host}, affinityType=${type})`);
  }
  if (empty) {
    await raw.txn([{op: 'delete', key: blockKV.key, expectModRevision: blockKV.modRevision}]);
  } else {
    block.affinity = null;
    block.affinityClaimTime = undefined;
    block.sequenceNumber += 1n;
    if (!(await raw.txn([{op: 'put', key: blockKV.key, value: serializeBlock(block), expectModRevision: blockKV.modRevision}]))) {
      throw new Error(`update conflict: BlockKey(cidr=${formatCIDR(cidr)})`);
    }
  }
  const marked = await raw.get(affKV.key);
  if (marked) await raw.txn([{op: 'delete', key: marked.key, expectModRevision: marked.modRevision}]);
  return true;
}
