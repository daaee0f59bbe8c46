// Tier: the built-in tiers must keep their fixed orders (Go validator) and default actions (CRD CEL rules).
// Tier names (one DNS label, at most 63 characters) are checked in ../names.ts. The client defaults a
// missing order to 1e6 and a missing default action to Deny before validating (DefaultTierFields), so a
// built-in tier that leaves either out is judged with those values.
import type {SemanticRule} from '../types.js';
import {charLength, issue, type Issues} from './common.js';

interface BuiltInTier {
  order: number;
  /** Go's %v formatting of the float64 order, as in Calico's message. */
  orderText: string;
  /** The default action the CRD's CEL rules require. */
  defaultAction: string;
}

export const BUILT_IN_TIERS: Readonly<Record<string, BuiltInTier>> = {
  default: {order: 1e6, orderText: '1e+06', defaultAction: 'Deny'},
  'kube-admin': {order: 1000, orderText: '1000', defaultAction: 'Pass'},
  'kube-baseline': {order: 1e7, orderText: '1e+07', defaultAction: 'Pass'},
};

/** What the client's DefaultTierFields sets when the tier leaves them out. */
const CLIENT_DEFAULT_ORDER = 1e6;
const CLIENT_DEFAULT_ACTION = 'Deny';

const builtInTier = (name: string): BuiltInTier | undefined => (Object.hasOwn(BUILT_IN_TIERS, name) ? BUILT_IN_TIERS[name] : undefined);

export const rules: SemanticRule = (resource) => {
  const out: Issues = [];
  const name = resource.metadata?.name ?? '';
  const builtIn = builtInTier(name);
  const written = resource.spec?.order;
  const order = written ?? CLIENT_DEFAULT_ORDER;
  if (builtIn && order !== builtIn.order) {
    // A value the client may have supplied is reported against the tier's name: validate re-checks
    // resources with the client's defaults applied and keeps only problems in fields the user wrote.
    if (written === undefined || written === CLIENT_DEFAULT_ORDER) out.push(issue('metadata.name', `${name} tier order must be ${builtIn.orderText}`, name));
    else out.push(issue('spec.order', `${name} tier order must be ${builtIn.orderText}`, order));
  }
  return out;
};

interface Condition {
  type?: string;
  status?: string;
  observedGeneration?: number;
  lastTransitionTime?: string | null;
  reason?: string;
  message?: string;
}

// metav1.Condition as the CRD constrains it.
const CONDITION_TYPE = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$/;
const CONDITION_REASON = /^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$/;
const CONDITION_STATUSES = ['True', 'False', 'Unknown'];

/** The CRD's OpenAPI rules for status.conditions (Go always encodes every field but observedGeneration). */
function checkConditions(conditions: Condition[] | undefined, out: Issues): void {
  for (const [i, c] of (conditions ?? []).entries()) {
    const at = `status.conditions[${i}]`;
    const type = c.type ?? '';
    if (charLength(type) > 316) out.push(issue(`${at}.type`, 'Too long: may not be more than 316 bytes', type));
    if (!CONDITION_TYPE.test(type)) out.push(issue(`${at}.type`, `should match '${CONDITION_TYPE.source}'`, type));
    if (!CONDITION_STATUSES.includes(c.status ?? '')) {
      out.push(issue(`${at}.status`, 'Unsupported value: supported values: "True", "False", "Unknown"', c.status ?? ''));
    }
    const reason = c.reason ?? '';
    if (reason === '' || charLength(reason) > 1024 || !CONDITION_REASON.test(reason)) {
      out.push(issue(`${at}.reason`, `should be 1-1024 characters matching '${CONDITION_REASON.source}'`, reason));
    }
    if (charLength(c.message ?? '') > 32768) out.push(issue(`${at}.message`, 'Too long: may not be more than 32768 bytes'));
    if (c.lastTransitionTime === undefined || c.lastTransitionTime === null) {
      out.push(issue(`${at}.lastTransitionTime`, 'Required value: a date-time is required'));
    }
    if ((c.observedGeneration ?? 0) < 0) out.push(issue(`${at}.observedGeneration`, 'should be greater than or equal to 0', c.observedGeneration));
  }
}

/**
 * CRD-stage checks (calicoctl 3.32 applies them when writing to etcd): the built-in tiers' default
 * actions, after the client's default (reported against the tier's name), and the status
 * conditions' OpenAPI constraints.
 */
export const crdRules: SemanticRule = (resource) => {
  const out: Issues = [];
  const name = resource.metadata?.name ?? '';
  const required = builtInTier(name)?.defaultAction;
  const action = resource.spec?.defaultAction ?? CLIENT_DEFAULT_ACTION;
  if (required !== undefined && action !== required) {
    out.push(issue('metadata.name', `The '${name}' tier must have default action '${required}'`, name));
  }
  checkConditions((resource as {status?: {conditions?: Condition[]}}).status?.conditions, out);
  return out;
};
