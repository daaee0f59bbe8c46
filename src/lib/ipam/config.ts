// `/calico/ipam/v2/config`: read it the way 3.32 IPAM does (creating the default when absent) and
// `calicoctl ipam configure`.
import type {RawStore} from '../datastore/types.js';
import {CliError} from '../errors.js';
import {DEFAULT_IPAM_CONFIG, IPAM_CONFIG_KEY, type IPAMConfig, parseIPAMConfig, serializeIPAMConfig} from './model.js';

/** GetIPAMConfig: returns the stored config, first creating Calico's default one if there is none. */
export async function readIPAMConfig(raw: RawStore): Promise<IPAMConfig> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const kv = await raw.get(IPAM_CONFIG_KEY);
    if (kv) return parseIPAMConfig(kv.value);
    const created = await raw.txn([{op: 'put', key: IPAM_CONFIG_KEY, value: serializeIPAMConfig(DEFAULT_IPAM_CONFIG), expectAbsent: true}]);
    if (created) return {...DEFAULT_IPAM_CONFIG};
    // Someone else created it meanwhile: read theirs.
  }
  throw new CliError('error: failed to get ipam config after 5 retries');
}

export interface ConfigureOptions {
  strictaffinity?: string;
  maxBlocksPerHost?: string;
  kubevirtIpPersistence?: string;
}

/** Go's strconv.ParseBool. */
export function parseGoBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}

/** Validates the flags before any datastore access; returns the requested changes. */
export function parseConfigureOptions(o: ConfigureOptions): Partial<IPAMConfig> {
  const changes: Partial<IPAMConfig> = {};
  if (o.strictaffinity) {
    const b = parseGoBool(o.strictaffinity);
    if (b === undefined) throw new CliError('invalid value. Use true or false to set strictaffinity');
    changes.strictAffinity = b;
  }
  if (o.maxBlocksPerHost) {
    // strconv.Atoi: optional sign, decimal digits, fits in int64.
    if (!/^[+-]?\d+$/.test(o.maxBlocksPerHost) || !Number.isSafeInteger(Number(o.maxBlocksPerHost))) {
      throw new CliError('invalid value for maxblockhost. Use a valid number');
    }
    changes.maxBlocksPerHost = Number(o.maxBlocksPerHost);
  }
  if (o.kubevirtIpPersistence) {
    if (o.kubevirtIpPersistence !== 'Enabled' && o.kubevirtIpPersistence !== 'Disabled') {
      throw new CliError('invalid value for --kubevirt-ip-persistence. Use Enabled or Disabled');
    }
    changes.kubeVirtVMAddressPersistence = o.kubevirtIpPersistence;
  }
  if (Object.keys(changes).length === 0) throw new CliError('at least one configuration option must be specified');
  return changes;
}

/** Applies the changes (SetIPAMConfig: validation, then an unconditional put) and returns the success lines. */
export async function configureIPAM(raw: RawStore, changes: Partial<IPAMConfig>): Promise<string> {
  const current = await readIPAMConfig(raw);
  const next: IPAMConfig = {...current, ...changes};
  const same =
    next.strictAffinity === current.strictAffinity &&
    next.autoAllocateBlocks === current.autoAllocateBlocks &&
    next.maxBlocksPerHost === current.maxBlocksPerHost &&
    next.kubeVirtVMAddressPersistence === current.kubeVirtVMAddressPersistence;
  if (!same) {
    if (!next.strictAffinity && !next.autoAllocateBlocks) {
      throw new CliError("error: Cannot disable 'StrictAffinity' and 'AutoAllocateBlocks' at the same time");
    }
    if (next.maxBlocksPerHost > 0 && !next.strictAffinity) {
      throw new CliError('error: MaxBlocksPerHost requires StrictAffinity to be enabled');
    }
    await raw.txn([{op: 'put', key: IPAM_CONFIG_KEY, value: serializeIPAMConfig(next)}]);
  }
  let out = '';
  if (changes.strictAffinity !== undefined) out += `Successfully set StrictAffinity to: ${changes.strictAffinity}\n`;
  if (changes.maxBlocksPerHost !== undefined) out += `Successfully set MaxBlocksPerHost to: ${changes.maxBlocksPerHost}\n`;
  if (changes.kubeVirtVMAddressPersistence !== undefined) {
    out += `Successfully set KubeVirtVMAddressPersistence to: ${changes.kubeVirtVMAddressPersistence}\n`;
  }
  return out;
}
