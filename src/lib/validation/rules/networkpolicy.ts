// NetworkPolicy: Calico's validateNetworkPolicy / validateNetworkPolicySpec plus the spec's field tags.
import type {SemanticRule} from '../types.js';
import {
  checkPerformanceHints,
  checkPolicyRules,
  checkPolicySelector,
  checkPolicyTypes,
  checkRules,
  checkTierReference,
  type Issues,
  type Rule,
  checkHTTPLimits,
} from './common.js';

export interface NetworkPolicySpec {
  tier?: string;
  order?: number;
  ingress?: Rule[];
  egress?: Rule[];
  selector?: string;
  types?: string[];
  serviceAccountSelector?: string;
  performanceHints?: string[];
}

/** Checks shared by NetworkPolicy and (non-Delete) StagedNetworkPolicy specs. */
export function checkNetworkPolicySpec(spec: NetworkPolicySpec, out: Issues): void {
  checkTierReference(spec.tier, out);
  checkRules(spec, out);
  checkPolicySelector(spec.selector, 'spec.selector', out, 'Selector');
  checkPolicyTypes(spec.types, out);
  checkPolicySelector(spec.serviceAccountSelector, 'spec.serviceAccountSelector', out, 'ServiceAccountSelector');
  checkPerformanceHints(spec.performanceHints, out);
  checkPolicyRules(spec, out, {global: false, egressHttpMessage: 'not allowed in egress rule'});
}

export const rules: SemanticRule = (resource) => {
  const out: Issues = [];
  checkNetworkPolicySpec(resource.spec ?? {}, out);
  return out;
};

/** CRD-only checks (applied by calicoctl 3.32 when writing to etcd, not by `validate`). */
export const crdRules: SemanticRule = (resource) => {
  const out: Issues = [];
  checkHTTPLimits(resource.spec ?? {}, out);
  return out;
};
