// StagedGlobalNetworkPolicy: GlobalNetworkPolicy rules unless stagedAction is Delete, which must carry no
// policy fields.
import type {SemanticRule} from '../types.js';
import {
  checkTierReference,
  issue,
  nonZeroFields,
  STAGED_DELETE_MSG,
  type Issues,
  checkHTTPLimits,
} from './common.js';
import {checkGlobalNetworkPolicySpec} from './globalnetworkpolicy.js';

export const rules: SemanticRule = (resource) => {
  const out: Issues = [];
  const spec = resource.spec ?? {};
  if (spec.stagedAction === 'Delete') {
    checkTierReference(spec.tier, out);
    // The client clears `types` of a staged Delete before validating it.
    const extra = nonZeroFields(spec, ['stagedAction', 'tier', 'types']);
    if (extra.length) out.push(issue('spec', `${STAGED_DELETE_MSG} (set: ${extra.join(', ')})`));
  } else {
    checkGlobalNetworkPolicySpec(spec, out);
  }
  return out;
};

/** CRD-only checks (applied by calicoctl 3.32 when writing to etcd, not by `validate`). */
export const crdRules: SemanticRule = (resource) => {
  const out: Issues = [];
  checkHTTPLimits(resource.spec ?? {}, out);
  return out;
};
