// GlobalNetworkPolicy: Calico's validateGlobalNetworkPolicy(Spec), the spec's field tags and the CRD's
// preDNAT / doNotTrack / applyOnForward rules.
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
  checkHTTPLimits,
} from './common.js';
import type {NetworkPolicySpec} from './networkpolicy.js';

export interface GlobalNetworkPolicySpec extends NetworkPolicySpec {
  doNotTrack?: boolean;
  preDNAT?: boolean;
  applyOnForward?: boolean;
  namespaceSelector?: string;
}

/** Checks shared by GlobalNetworkPolicy and (non-Delete) StagedGlobalNetworkPolicy specs. */
export function checkGlobalNetworkPolicySpec(spec: GlobalNetworkPolicySpec, out: Issues): void {
  checkTierReference(spec.tier, out);
  checkRules(spec, out);
  checkPolicySelector(spec.selector, 'spec.selector', out, 'Selector');
  checkPolicySelector(spec.serviceAccountSelector, 'spec.serviceAccountSelector', out, 'ServiceAccountSelector');
  checkPolicySelector(spec.namespaceSelector, 'spec.namespaceSelector', out, 'NamespaceSelector');
  checkPerformanceHints(spec.performanceHints, out);

  if (spec.doNotTrack && spec.preDNAT) {
    out.push(issue('spec.preDNAT', 'PreDNAT and DoNotTrack cannot both be true, for a given PolicySpec'));
  }
  if (spec.preDNAT && (spec.egress?.length ?? 0) > 0) {
    out.push(issue('spec.egress', 'PreDNAT PolicySpec cannot have any Egress rules'));
  }
  if (spec.preDNAT && (spec.types ?? []).includes('Egress')) {
    out.push(issue('spec.types', "PreDNAT PolicySpec cannot have 'egress' Type"));
  }
  if (!spec.applyOnForward && (spec.doNotTrack || spec.preDNAT)) {
    out.push(issue('spec.applyOnForward', 'ApplyOnForward must be true if either PreDNAT or DoNotTrack is true, for a given PolicySpec'));
  }
  checkPolicyTypes(spec.types, out);
  checkPolicyRules(spec, out, {global: true, egressHttpMessage: 'not allowed in egress rules'});
}

export const rules: SemanticRule = (resource) => {
  const out: Issues = [];
  checkGlobalNetworkPolicySpec(resource.spec ?? {}, out);
  return out;
};

/** CRD-only checks (applied by calicoctl 3.32 when writing to etcd, not by `validate`). */
export const crdRules: SemanticRule = (resource) => {
  const out: Issues = [];
  checkHTTPLimits(resource.spec ?? {}, out);
  return out;
};
