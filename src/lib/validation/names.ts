// Resource name and metadata rules of Calico 3.32's validator (libcalico-go/lib/validator/v3):
// every kind's metadata must be a DNS-1123 subdomain (≤ 253), tiers a DNS-1123 label (≤ 63),
// (staged) namespaced policies `label`, `label.label` or `knp.default.<subdomain>`/`ossg.default.<subdomain>`,
// (staged) global policies `label` or `label.label`. Labels and annotations follow Kubernetes' rules.
import type {ValidationIssue} from './types.js';

const LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const SUBDOMAIN_FMT = `${LABEL_FMT}(\\.${LABEL_FMT})*`;
const SUBDOMAIN = new RegExp(`^${SUBDOMAIN_FMT}$`);
const DNS_LABEL = new RegExp(`^${LABEL_FMT}$`);
const NETWORK_POLICY_NAME = new RegExp(`^((${LABEL_FMT})(\\.${LABEL_FMT})?|((?:knp|ossg)\\.default\\.(${SUBDOMAIN_FMT})))$`);
const GLOBAL_POLICY_NAME = new RegExp(`^(${LABEL_FMT}\\.)?${LABEL_FMT}$`);

const SUBDOMAIN_MAX = 253;
const LABEL_MAX = 63;
const ANNOTATIONS_MAX_BYTES = 256 * 1024;

const SUBDOMAIN_REASON = `name must consist of lower case alphanumeric characters, '-' or '.' (regex: ${SUBDOMAIN_FMT})`;
const LABEL_REASON = `name must consist of lower case alphanumeric characters or '-' (regex: ${LABEL_FMT})`;

/** Kinds whose names follow a stricter pattern than the generic DNS-1123 subdomain. */
const NAME_PATTERN_BY_KIND: Record<string, {pattern: RegExp; max: number}> = {
  Tier: {pattern: DNS_LABEL, max: LABEL_MAX},
  NetworkPolicy: {pattern: NETWORK_POLICY_NAME, max: SUBDOMAIN_MAX},
  StagedNetworkPolicy: {pattern: NETWORK_POLICY_NAME, max: SUBDOMAIN_MAX},
  GlobalNetworkPolicy: {pattern: GLOBAL_POLICY_NAME, max: SUBDOMAIN_MAX},
  StagedGlobalNetworkPolicy: {pattern: GLOBAL_POLICY_NAME, max: SUBDOMAIN_MAX},
};

const byteLength = (s: string): number => Buffer.byteLength(s, 'utf8');

/** Problems with `metadata.name` for a kind (Calico reports the generic and the kind rule separately). */
export function nameIssues(kind: string, name: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const add = (message: string): void => {
    issues.push({path: 'metadata.name', message, value: name});
  };
  const len = byteLength(name);
  if (len > SUBDOMAIN_MAX) add(`name is too long by ${len - SUBDOMAIN_MAX} bytes`);
  if (!SUBDOMAIN.test(name)) add(SUBDOMAIN_REASON);
  const special = NAME_PATTERN_BY_KIND[kind];
  if (special) {
    if (special.max < SUBDOMAIN_MAX && len > special.max) add(`name is too long by ${len - special.max} bytes`);
    if (!special.pattern.test(name)) add(LABEL_REASON);
  }
  return issues;
}

const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUALIFIED_NAME_HELP =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

/** Kubernetes' IsQualifiedName: `[prefix/]name`, prefix a DNS-1123 subdomain, name ≤ 63. */
export function qualifiedNameErrors(value: string): string[] {
  const parts = value.split('/');
  let name: string;
  const errs: string[] = [];
  if (parts.length === 1) name = parts[0];
  else if (parts.length === 2) {
    const [prefix] = parts;
    name = parts[1];
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else {
      if (prefix.length > SUBDOMAIN_MAX) errs.push(`prefix part must be no more than ${SUBDOMAIN_MAX} characters`);
      if (!SUBDOMAIN.test(prefix)) {
        errs.push(
          "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
        );
      }
    }
  } else {
    return [`a qualified name ${QUALIFIED_NAME_HELP} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > LABEL_MAX) errs.push(`name part must be no more than ${LABEL_MAX} characters`);
  if (name.length > 0 && !QUALIFIED_NAME.test(name)) errs.push(`name part ${QUALIFIED_NAME_HELP}`);
  return errs;
}

/** Kubernetes' IsValidLabelValue. */
export function labelValueErrors(value: string): string[] {
  const errs: string[] = [];
  if (value.length > LABEL_MAX) errs.push(`must be no more than ${LABEL_MAX} characters`);
  if (!LABEL_VALUE.test(value)) {
    errs.push(
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    );
  }
  return errs;
}

const keyPath = (base: string, key: string): string => (/^[A-Za-z_$][\w$-]*$/.test(key) ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`);

/** Problems with metadata labels and annotations (Calico checks them for every kind). */
export function metadataIssues(metadata: unknown): ValidationIssue[] {
  if (typeof metadata !== 'object' || metadata === null) return [];
  const issues: ValidationIssue[] = [];
  const {labels, annotations} = metadata as {labels?: unknown; annotations?: unknown};
  if (typeof labels === 'object' && labels !== null) {
    for (const [k, v] of Object.entries(labels)) {
      for (const message of qualifiedNameErrors(k)) issues.push({path: keyPath('metadata.labels', k), message: `invalid label name: ${message}`, value: k});
      if (typeof v === 'string') {
        for (const message of labelValueErrors(v)) issues.push({path: keyPath('metadata.labels', k), message: `invalid label value: ${message}`, value: v});
      }
    }
  }
  if (typeof annotations === 'object' && annotations !== null) {
    let total = 0;
    for (const [k, v] of Object.entries(annotations)) {
      for (const message of qualifiedNameErrors(k.toLowerCase())) {
        issues.push({path: keyPath('metadata.annotations', k), message: `invalid annotation name: ${message}`, value: k});
      }
      total += byteLength(k) + (typeof v === 'string' ? byteLength(v) : 0);
    }
    if (total > ANNOTATIONS_MAX_BYTES) {
      issues.push({path: 'metadata.annotations', message: `total size of annotations is too large by ${total - ANNOTATIONS_MAX_BYTES} bytes`});
    }
  }
  return issues;
}
