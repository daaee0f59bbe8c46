// `calicoctl ipam split <NUMBER>`: replaces an IP pool by 2^k equal child pools on a locked datastore
// (calicoctl commands/ipam/split.go, including its order of effects).
import {randomUUID} from 'node:crypto';
import type {Datastore} from '../datastore/types.js';
import {CliError, errorMessage} from '../errors.js';
import {type CIDR, addToIP, familyBits, formatCIDR, parseCIDR} from '../net/ip.js';
import {IPPoolKind} from '../registry/kinds/ippool.js';
import type {CalicoResource} from '../resource.js';
import {isLocked} from '../migrate/lock.js';

export const SPLIT_NEEDS_LOCK = 'datastore is not locked. Run the `calicoctl datastore migrate lock` command in order split the IP pools';

/** Go's strconv.Atoi, with its error text. */
export function atoi(s: string): number {
  if (!/^[+-]?\d+$/.test(s)) throw new Error(`strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = Number(s);
  if (!Number.isSafeInteger(n)) throw new Error(`strconv.Atoi: parsing ${JSON.stringify(s)}: value out of range`);
  return n;
}

/** Child CIDRs in ascending order; errors as calicoctl's splitCIDR. */
export function splitCIDR(oldCIDR: string, parts: number): string[] {
  // calicoctl lets 0 through (log2 = -Inf) and then deletes the pool without creating any; refuse it.
  const power = Math.log2(parts);
  if (!Number.isInteger(power) || power === 0 || parts <= 0) throw new Error(`number to split CIDR into is not a valid power of 2: ${parts}`);
  const cidr = parseCIDR(oldCIDR);
  if (!cidr) throw new Error(`error reading CIDR ${oldCIDR} before attempting to split it`);
  const bits = familyBits(cidr.network.family);
  if (power + cidr.prefix > bits) throw new Error(`the CIDR ${oldCIDR} is not large enough to be split into ${parts} parts`);
  const size = 1n << BigInt(bits - cidr.prefix - power);
  const out: string[] = [];
  let ip = cidr.network;
  for (let i = 0; i < parts; i++) {
    const child: CIDR = {ip, prefix: cidr.prefix + power, network: ip};
    out.push(formatCIDR(child));
    ip = addToIP(ip, size);
  }
  return out;
}

export interface SplitOptions {
  number: string;
  cidr?: string;
  name?: string;
}

export async function splitPool(ds: Datastore, opts: SplitOptions): Promise<string> {
  if (!(await isLocked(ds))) throw new CliError(SPLIT_NEEDS_LOCK);

  let oldPool: CalicoResource | undefined;
  if (opts.name) {
    try {
      oldPool = await ds.get({kind: IPPoolKind, name: opts.name});
    } catch (err) {
      throw new CliError(`unable to find IP pool with name ${opts.name}: ${errorMessage(err)}`);
    }
  } else if (opts.cidr) {
    let pools: CalicoResource[];
    try {
      pools = await ds.list(IPPoolKind);
    } catch {
      throw new CliError(`unable to list IP pools to find the pool specified by ${opts.cidr}`);
    }
    // The last exact textual match wins, as in calicoctl.
    for (const p of pools) if (p.spec?.cidr === opts.cidr) oldPool = p;
  }
  if (!oldPool) throw new CliError(`unable to find IP pool ${opts.name ?? ''} covering the specified CIDR ${opts.cidr ?? ''}`);

  // calicoctl disables the pool before validating NUMBER, so a bad NUMBER leaves it disabled.
  oldPool.spec = {...(oldPool.spec ?? {}), disabled: true};
  try {
    oldPool = await ds.update(oldPool);
  } catch {
    throw new CliError(`error disabling IP pool ${opts.cidr ?? ''}`);
  }

  let splitNum: number;
  try {
    splitNum = atoi(opts.number);
  } catch (err) {
    throw new CliError(`error reading number to split IP pools into. ${opts.number} is not a valid number: ${errorMessage(err)}`);
  }
  let cidrs: string[];
  try {
    cidrs = splitCIDR(oldPool.spec.cidr, splitNum);
  } catch (err) {
    throw new CliError(`error splitting the CIDR ${oldPool.spec.cidr} into ${splitNum} CIDRs: ${errorMessage(err)}`);
  }

  // "Unsafe" create and delete: raw writes, because the children overlap the (disabled) parent and
  // deleting the parent must not release the block affinities the children inherit.
  const {resourceKeyPath} = await import('../codec/keys.js');
  const {encodeResource} = await import('../codec/storage.js');
  const oldName = oldPool.metadata.name ?? '';
  const created: {name: string; cidr: string}[] = [];
  for (let i = 0; i < cidrs.length; i++) {
    let name = `split-${oldName}-${i}`;
    if (name.length > 253) name = `split-${oldName.slice(0, 245)}-${i}`;
    const metadata = {...oldPool.metadata, name, uid: randomUUID(), creationTimestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z')};
    for (const k of ['resourceVersion', 'generation', 'selfLink', 'generateName']) delete (metadata as Record<string, unknown>)[k];
    // disabled: false is Go's zero value, omitted from the stored JSON.
    const spec = {...oldPool.spec, cidr: cidrs[i]};
    delete spec.disabled;
    const child: CalicoResource = {...oldPool, metadata, spec};
    const key = resourceKeyPath(IPPoolKind, name);
    const ok = await ds.raw.txn([{op: 'put', key, value: encodeResource(child), expectAbsent: true}]);
    if (!ok) {
      throw new CliError(`error using unsafe create to make split pool with cidr ${cidrs[i]}: resource already exists: IPPool(${name}) with error: <nil>`);
    }
    created.push({name, cidr: cidrs[i]});
  }
  const oldKey = resourceKeyPath(IPPoolKind, oldName);
  if (!(await ds.raw.txn([{op: 'delete', key: oldKey}]))) {
    throw new CliError(`error removing the IP pool that was split ${oldName}: resource does not exist: IPPool(${oldName}) with error: <nil>`);
  }
  // calicoctl's own output, missing newlines included.
  return (
    `IP Pool ${oldName} was successfully split into ${splitNum} smaller pools.` +
    created.map((c) => `Created ${c.name} with CIDR ${c.cidr}.\n`).join('') +
    'Please refer to the documentation for final steps.'
  );
}
