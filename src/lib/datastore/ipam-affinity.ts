// Releasing IPAM block affinities, as clientv3 does when an IPPool or a Node is deleted: mark the
// affinity pendingDeletion, delete the block if it holds no allocation (else clear its affinity), then
// delete the affinity key. Block values carry 64-bit sequence numbers, so they are edited as text.
import {cidrContainsCIDR, parseCIDR} from '../net/ip.js';
import type {KeyValue, RawStore} from './types.js';

const HOST_PREFIX = '/calico/ipam/v2/host/';
const AFFINITY_KEY = /^\/calico\/ipam\/v2\/host\/([^/]+)\/ipv(4|6)\/block\/(.+)$/;

function blockKeyFor(version: string, cidrDashed: string): string {
  return `/calico/ipam/v2/assignment/ipv${version}/block/${cidrDashed}`;
}

async function releaseAffinity(raw: RawStore, affinity: KeyValue, version: string, cidrDashed: string): Promise<void> {
  const marked = await raw.txn([
    {op: 'put', key: affinity.key, value: '{"state":"pendingDeletion","deleted":false}', expectModRevision: affinity.modRevision},
  ]);
  if (!marked) return; // changed under us: leave it to its new owner
  const blockKey = blockKeyFor(version, cidrDashed);
  const block = await raw.get(blockKey);
  if (block) {
    let empty = false;
    try {
      const parsed = JSON.parse(block.value) as {allocations?: unknown[]};
      empty = (parsed.allocations ?? []).every((a) => a === null);
    } catch {
      empty = false;
    }
    if (empty) await raw.txn([{op: 'delete', key: blockKey, expectModRevision: block.modRevision}]);
    else {
      const value = block.value.replace(/"affinity":"[^"]*"/, '"affinity":null').replace(/,"affinity_claim_time":"[^"]*"/, '');
      await raw.txn([{op: 'put', key: blockKey, value, expectModRevision: block.modRevision}]);
    }
  }
  await raw.txn([{op: 'delete', key: affinity.key}]);
}

/** Releases every host affinity whose block lies inside the pool CIDR. */
export async function releasePoolAffinities(raw: RawStore, poolCidr: string): Promise<void> {
  const pool = parseCIDR(poolCidr);
  if (!pool) return;
  for (const kv of await raw.list(HOST_PREFIX)) {
    const m = AFFINITY_KEY.exec(kv.key);
    if (!m) continue;
    const block = parseCIDR(m[3].replace(/-(\d+)$/, '/$1'));
    if (block && block.ip.family === pool.ip.family && cidrContainsCIDR(pool, block)) await releaseAffinity(raw, kv, m[2], m[3]);
  }
}

/** Releases every block affinity of one node. */
export async function releaseNodeAffinities(raw: RawStore, node: string): Promise<void> {
  for (const kv of await raw.list(`${HOST_PREFIX}${node}/`)) {
    const m = AFFINITY_KEY.exec(kv.key);
    if (m && m[1] === node) await releaseAffinity(raw, kv, m[2], m[3]);
  }
}
