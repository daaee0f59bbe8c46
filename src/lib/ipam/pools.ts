// IP pools as IPAM sees them, and reading every block/handle/affinity from the raw store.
import type {Datastore, KeyValue, RawStore} from '../datastore/types.js';
import {type CIDR, type IPAddr, cidrContainsIP, maskFor, parseCIDR} from '../net/ip.js';
import {IPPoolKind} from '../registry/kinds/ippool.js';
import type {CalicoResource} from '../resource.js';
import {log} from '../log.js';
import {type AllocationBlock, BLOCK_PREFIX, cidrFromBlockKey, parseBlock} from './model.js';

export interface Pool {
  name: string;
  cidr: CIDR;
  blockSize: number;
  disabled: boolean;
  nodeSelector: string;
  resource: CalicoResource;
}

export function poolFromResource(r: CalicoResource): Pool | undefined {
  const cidr = parseCIDR(String(r.spec?.cidr ?? ''));
  if (!cidr) return undefined;
  const family = cidr.network.family;
  return {
    name: r.metadata.name ?? '',
    cidr: {ip: cidr.network, prefix: cidr.prefix, network: cidr.network},
    blockSize: Number(r.spec?.blockSize) || (family === 4 ? 26 : 122),
    disabled: r.spec?.disabled === true,
    nodeSelector: typeof r.spec?.nodeSelector === 'string' && r.spec.nodeSelector !== '' ? r.spec.nodeSelector : 'all()',
    resource: r,
  };
}

/** All pools in datastore (name) order; pools with an unparsable CIDR are skipped, as Calico does. */
export async function listPools(ds: Datastore): Promise<Pool[]> {
  const out: Pool[] = [];
  for (const r of await ds.list(IPPoolKind)) {
    const p = poolFromResource(r);
    if (p) out.push(p);
    else log.warn(`Pool ${r.metadata.name} has invalid CIDR`);
  }
  return out;
}

/** The first pool containing the IP (Calico's getPoolForIP). */
export function poolForIP(pools: readonly Pool[], ip: IPAddr, enabledOnly: boolean): Pool | undefined {
  return pools.find((p) => (!enabledOnly || !p.disabled) && cidrContainsIP(p.cidr, ip));
}

/** The block CIDR an address falls in, given its pool's block size. */
export function blockCIDRFor(ip: IPAddr, pool: Pool): CIDR {
  const network = {family: ip.family, value: ip.value & maskFor(ip.family, pool.blockSize)};
  return {ip: network, prefix: pool.blockSize, network};
}

export interface StoredBlock {
  kv: KeyValue;
  block: AllocationBlock;
}

/** Every block in key order; values that do not parse are skipped (as Calico's List does). */
export async function listBlocks(raw: RawStore): Promise<StoredBlock[]> {
  const out: StoredBlock[] = [];
  for (const kv of await raw.list(BLOCK_PREFIX)) {
    const cidr = cidrFromBlockKey(kv.key);
    if (!cidr) continue;
    try {
      out.push({kv, block: parseBlock(kv.value, cidr)});
    } catch (err) {
      log.warn(`skipping unparsable block ${kv.key}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return out;
}
