// NetworkPolicy: Calico's validateNetworkPolicy / validateNetworkPolicySpec plus the spec's field tags.
import type {SemanticRule} from '../types.js';
import {
  checkPerformanceHints,
  checkPolicyRules,
  checkPolicySelector,
  checkPolicyTypes,
  checkRules,
  checkTierReference,
  issue,
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

/** The name prefix that marks a Kubernetes NetworkPolicy stored in etcd. */
export const KUBERNETES_POLICY_PREFIX = 'knp.default.';

/**
 * Write-stage checks: the CRD limits, and calicoctl's refusal to create or apply a NetworkPolicy whose
 * name carries the Kubernetes prefix (the name itself is valid, so only writes reject it).
 */
export const crdRules: SemanticRule = (resource) => {
  const out: Issues = [];
  checkHTTPLimits(resource.spec ?? {}, out);
  const name = resource.metadata?.name ?? '';
  if (name.startsWith(KUBERNETES_POLICY_PREFIX)) {
    out.push(issue('metadata.name', 'kubernetes network policies must be managed through the kubernetes API', name));
  }
  return out;
};
