// IPPool client defaults and checks (clientv3 ippool.go validateAndSetDefaults). Its own module so that
// `validate` can check IPPools without loading the rest of the write defaults.
import {ValidationFailedError, type ErroredField} from '../datastore/errors.js';
import {formatCIDR, parseCIDR, cidrsOverlap, type CIDR} from '../net/ip.js';
import type {CalicoResource} from '../resource.js';

/**
 * Defaults and validates an IPPool in place. `old` is the stored pool on update; `others` are the other
 * pools (for the overlap check on create).
 */
export function defaultAndCheckIPPool(pool: CalicoResource, old?: CalicoResource, others: CalicoResource[] = []): void {
  const spec = pool.spec as Record<string, any>;
  if (!spec.cidr) throw new ValidationFailedError([{name: 'IPPool.Spec.CIDR', reason: 'IPPool CIDR must be specified'}]);
  const parsed = parseCIDR(String(spec.cidr));
  if (!parsed) throw new ValidationFailedError([{name: 'IPPool.Spec.CIDR', value: spec.cidr, reason: 'IPPool CIDR must be a valid subnet'}]);
  spec.cidr = formatCIDR(parsed);
  if (!spec.nodeSelector) spec.nodeSelector = 'all()';
  const errs: ErroredField[] = [];
  if (old) {
    const oldCidr = parseCIDR(String(old.spec?.cidr ?? ''));
    if (!oldCidr || formatCIDR(oldCidr) !== spec.cidr) errs.push({name: 'IPPool.Spec.CIDR', value: spec.cidr, reason: 'IPPool CIDR cannot be modified'});
  }
  if (!spec.blockSize) spec.blockSize = parsed.ip.family === 4 ? 26 : 122;
  if (!Array.isArray(spec.allowedUses) || spec.allowedUses.length === 0) spec.allowedUses = ['Workload', 'Tunnel'];
  if (old && (old.spec?.allowedUses ?? []).includes('LoadBalancer')) {
    if ((spec.allowedUses as string[]).some((u) => u !== 'LoadBalancer')) {
      throw new ValidationFailedError([
        {name: 'IPPool.Spec.AllowedUses', value: `[${spec.allowedUses.join(' ')}]`, reason: 'IPPool allowed use cannot be changed from LoadBalacer to Workload or Tunnel'},
      ]);
    }
  }
  if (spec.assignmentMode === undefined || spec.assignmentMode === null) spec.assignmentMode = 'Automatic';
  if (old && (old.spec?.blockSize ?? 0) !== spec.blockSize && old.spec?.blockSize) {
    errs.push({name: 'IPPool.Spec.BlockSize', value: spec.blockSize, reason: 'IPPool BlockSize cannot be modified'});
  }
  if (parsed.ip.family === 4 && (spec.blockSize > 32 || spec.blockSize < 20)) {
    errs.push({name: 'IPPool.Spec.BlockSize', value: spec.blockSize, reason: 'IPv4 block size must be between 20 and 32'});
  } else if (parsed.ip.family === 6 && (spec.blockSize > 128 || spec.blockSize < 116)) {
    errs.push({name: 'IPPool.Spec.BlockSize', value: spec.blockSize, reason: 'IPv6 block size must be between 116 and 128'});
  }
  if (!spec.disabled && parsed.prefix > spec.blockSize) {
    errs.push({
      name: 'IPPool.Spec.CIDR',
      value: spec.cidr,
      reason: 'IP pool size is too small for use with Calico IPAM. It must be equal to or greater than the block size.',
    });
  }
  if (!old) {
    for (const other of others) {
      if (other.metadata.name === pool.metadata.name) continue;
      const oc = parseCIDR(String(other.spec?.cidr ?? ''));
      if (oc && cidrsOverlap(oc, parsed)) {
        errs.push({
          name: 'IPPool.Spec.CIDR',
          value: spec.cidr,
          reason: `IPPool(${pool.metadata.name}) CIDR overlaps with IPPool(${other.metadata.name}) CIDR ${other.spec.cidr}`,
        });
      }
    }
  }
  if (!spec.ipipMode) spec.ipipMode = 'Never';
  if (!spec.vxlanMode) spec.vxlanMode = 'Never';
  if (spec.vxlanMode !== 'Never' && spec.ipipMode !== 'Never') {
    errs.push({name: 'IPPool.Spec.VXLANMode', value: spec.vxlanMode, reason: 'Cannot enable both VXLAN and IPIP on the same IPPool'});
  }
  if (parsed.ip.family === 6 && spec.ipipMode !== 'Never') {
    errs.push({name: 'IPPool.Spec.IPIPMode', value: spec.ipipMode, reason: 'IPIP is not supported on an IPv6 IP pool'});
  }
  if (parsed.ip.value !== parsed.network.value) errs.push({name: 'IPPool.Spec.CIDR', value: spec.cidr, reason: 'IPPool CIDR is not strictly masked'});
  const linkLocal: CIDR = parsed.ip.family === 4 ? parseCIDR('169.254.0.0/16')! : parseCIDR('fe80::/10')!;
  if (cidrsOverlap(parsed, linkLocal)) {
    errs.push({
      name: 'IPPool.Spec.CIDR',
      value: spec.cidr,
      reason: parsed.ip.family === 4 ? 'IPPool CIDR overlaps with IPv4 Link Local range 169.254.0.0/16' : 'IPPool CIDR overlaps with IPv6 Link Local range fe80::/10',
    });
  }
  if (errs.length) throw new ValidationFailedError(errs);
}
