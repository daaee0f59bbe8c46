// Tier: single-label names of at most 63 characters; the built-in tiers have fixed orders (Go validator)
// and fixed default actions (CRD rules, applied after the CRD default `Deny`).
import type {SemanticRule} from '../types.js';
import {checkObjectMeta, DNS1123_LABEL_MAX, issue, LABEL_NAME_MSG, TIER_NAME_REGEX, type Issues} from './common.js';

interface BuiltInTier {
  order: number;
  /** Go's %v formatting of the float64 order, as in Calico's message. */
  orderText: string;
  defaultAction: 'Deny' | 'Pass';
}

export const BUILT_IN_TIERS: Readonly<Record<string, BuiltInTier>> = {
  default: {order: 1e6, orderText: '1e+06', defaultAction: 'Deny'},
  'kube-admin': {order: 1000, orderText: '1000', defaultAction: 'Pass'},
  'kube-baseline': {order: 1e7, orderText: '1e+07', defaultAction: 'Pass'},
};

export const rules: SemanticRule = (resource) => {
  const out: Issues = [];
  checkObjectMeta(resource, out, {regex: TIER_NAME_REGEX, maxLength: DNS1123_LABEL_MAX, message: LABEL_NAME_MSG});
  const name = resource.metadata?.name ?? '';
  const spec = resource.spec ?? {};
  const builtIn = Object.hasOwn(BUILT_IN_TIERS, name) ? BUILT_IN_TIERS[name] : undefined;
  if (builtIn) {
    if (spec.order !== builtIn.order) {
      out.push(issue('spec.order', `${name} tier order must be ${builtIn.orderText}`, spec.order));
    }
    const action = spec.defaultAction ?? 'Deny';
    if (action !== builtIn.defaultAction) {
      out.push(
        issue('spec.defaultAction', `The '${name}' tier must have default action '${builtIn.defaultAction}'`, spec.defaultAction),
      );
    }
  }
  return out;
};
