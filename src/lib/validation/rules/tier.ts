// Tier: the built-in tiers must keep their fixed orders (Go validator). Tier names (one DNS label, at most
// 63 characters) are checked in ../names.ts. The CRD's rules on the built-in tiers' default actions are
// not applied: calicoctl 3.32 `validate` runs only the Go validator (see docs/schemas.md).
import type {SemanticRule} from '../types.js';
import {issue, type Issues} from './common.js';

interface BuiltInTier {
  order: number;
  /** Go's %v formatting of the float64 order, as in Calico's message. */
  orderText: string;
}

export const BUILT_IN_TIERS: Readonly<Record<string, BuiltInTier>> = {
  default: {order: 1e6, orderText: '1e+06'},
  'kube-admin': {order: 1000, orderText: '1000'},
  'kube-baseline': {order: 1e7, orderText: '1e+07'},
};

export const rules: SemanticRule = (resource) => {
  const out: Issues = [];
  const name = resource.metadata?.name ?? '';
  const spec = resource.spec ?? {};
  const builtIn = Object.hasOwn(BUILT_IN_TIERS, name) ? BUILT_IN_TIERS[name] : undefined;
  if (builtIn && spec.order !== builtIn.order) {
    out.push(issue('spec.order', `${name} tier order must be ${builtIn.orderText}`, spec.order));
  }
  return out;
};

/** Default actions the CRD's CEL rules require of the built-in tiers. */
const BUILT_IN_DEFAULT_ACTIONS: Readonly<Record<string, string>> = {default: 'Deny', 'kube-admin': 'Pass', 'kube-baseline': 'Pass'};

/**
 * CRD-only checks (applied by calicoctl 3.32 when writing to etcd, not by `validate`): the built-in tiers'
 * default actions, after the CRD default `Deny` is applied.
 */
export const crdRules: SemanticRule = (resource) => {
  const name = resource.metadata?.name ?? '';
  const required = Object.hasOwn(BUILT_IN_DEFAULT_ACTIONS, name) ? BUILT_IN_DEFAULT_ACTIONS[name] : undefined;
  const action = resource.spec?.defaultAction ?? 'Deny';
  if (required === undefined || action === required) return [];
  return [issue('spec.defaultAction', `The '${name}' tier must have default action '${required}'`, resource.spec?.defaultAction)];
};
