// IPAMConfiguration: Calico's Go IPAMConfigurationSpec validator; the CRD's enum and ranges are `crdRules`.
import type {CalicoResource} from '../../resource.js';
import type {SemanticRule} from '../types.js';
import {issue, type Issues} from './common.js';
import {checkDefaultName, crdEnum, crdRange} from './infra-helpers.js';

export const rules: SemanticRule = (resource: CalicoResource) => {
  const out: Issues = [];
  const max = resource.spec?.maxBlocksPerHost;
  if (typeof max === 'number' && max < 0) out.push(issue('spec.maxBlocksPerHost', 'must be greater than or equal to 0', max));
  return out;
};

/** The IPAMConfiguration CRD's OpenAPI rules and the client's name check (applied when it writes). */
export const crdRules: SemanticRule = (resource: CalicoResource) => {
  const out: Issues = [];
  checkDefaultName(out, resource.metadata?.name, 'Cannot create an IPAMConfiguration resource with a name other than "default"');
  const spec = resource.spec ?? {};
  crdRange(out, 'spec.maxBlocksPerHost', spec.maxBlocksPerHost, 0, 1000000);
  crdRange(out, 'spec.ipCooldownSeconds', spec.ipCooldownSeconds, 0, 1200);
  crdEnum(out, 'spec.kubeVirtVMAddressPersistence', spec.kubeVirtVMAddressPersistence, ['Enabled', 'Disabled'], true); // a pointer
  return out;
};
