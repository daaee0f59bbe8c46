// BGPFilter: Calico 3.32's Go checks of each rule (netv4/netv6 CIDRs, interface pattern, CIDR/operator/prefix
// length pairing, exactly one operation per entry); the BGPFilter CRD's OpenAPI and CEL rules are `crdRules`.
import type {CalicoResource} from '../../resource.js';
import type {SemanticRule} from '../types.js';
import {issue, tagFailure, type Issues} from './common.js';
import {checkASNumber, checkNetwork, crdCIDRFormat, crdEnum, crdItems, crdMaxLength, isNonEmptyString} from './infra-helpers.js';

const FILTER_INTERFACE = /^[a-zA-Z0-9_.*-]{1,15}$/;
const COMMUNITY_16 = '([0-9]|[1-9][0-9]{1,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])';
const COMMUNITY_32 =
  '([0-9]|[1-9][0-9]{1,8}|[1-3][0-9]{9}|4[0-1][0-9]{8}|42[0-8][0-9]{7}|429[0-3][0-9]{6}|4294[0-8][0-9]{5}|42949[0-5][0-9]{4}' +
  '|429496[0-6][0-9]{3}|4294967[0-1][0-9]{2}|42949672[0-8][0-9]|429496729[0-5])';
/** The CRD pattern of a BGPCommunityValue. */
const COMMUNITY_VALUE = new RegExp(`^(${COMMUNITY_16}:${COMMUNITY_16}|${COMMUNITY_32}:${COMMUNITY_32}:${COMMUNITY_32})$`);

const RULE_LISTS = [
  ['exportV4', 4],
  ['importV4', 4],
  ['exportV6', 6],
  ['importV6', 6],
] as const;

/** Calls `check` for every rule of the filter with its path and address family. */
function eachRule(resource: CalicoResource, check: (rule: any, path: string, family: 4 | 6) => void): void {
  const spec = resource.spec ?? {};
  for (const [list, family] of RULE_LISTS) {
    const entries: unknown[] = Array.isArray(spec[list]) ? spec[list] : [];
    entries.forEach((rule, i) => {
      if (rule && typeof rule === 'object') check(rule, `spec.${list}[${i}]`, family);
    });
  }
}

const isSet = (v: unknown): boolean => v !== undefined && v !== null;

export const rules: SemanticRule = (resource: CalicoResource) => {
  const out: Issues = [];
  eachRule(resource, (rule, path, family) => {
    if (isNonEmptyString(rule.cidr)) checkNetwork(out, `${path}.cidr`, rule.cidr, 'CIDR', family === 4 ? 'netv4' : 'netv6');
    if (isNonEmptyString(rule.interface) && !FILTER_INTERFACE.test(rule.interface)) {
      out.push(issue(`${path}.interface`, tagFailure('Interface', 'bgpFilterInterface'), rule.interface));
    }
    const asPath: unknown[] = Array.isArray(rule.asPathPrefix) ? rule.asPathPrefix : [];
    asPath.forEach((as, j) => checkASNumber(out, `${path}.asPathPrefix[${j}]`, as));
    const operations: unknown[] = Array.isArray(rule.operations) ? rule.operations : [];
    operations.forEach((op: any, j) => {
      const opPath = `${path}.operations[${j}]`;
      const count = ['addCommunity', 'prependASPath', 'setPriority'].filter((k) => isSet(op?.[k])).length;
      if (count !== 1) out.push(issue(opPath, 'exactly one operation must be set'));
      const prefix: unknown[] = Array.isArray(op?.prependASPath?.prefix) ? op.prependASPath.prefix : [];
      prefix.forEach((as, k) => checkASNumber(out, `${opPath}.prependASPath.prefix[${k}]`, as));
    });
    const cidrSet = isNonEmptyString(rule.cidr);
    const opSet = isNonEmptyString(rule.matchOperator);
    if (cidrSet && !opSet) out.push(issue(`${path}.matchOperator`, 'MatchOperator cannot be empty when CIDR is not'));
    if (!cidrSet && opSet) out.push(issue(`${path}.cidr`, 'CIDR cannot be empty when MatchOperator is not'));
    if (!cidrSet && isSet(rule.prefixLength)) out.push(issue(`${path}.cidr`, 'CIDR cannot be empty when PrefixLength is not'));
  });
  return out;
};

/** The BGPFilter CRD's OpenAPI and CEL rules (calicoctl 3.32 applies them on create/apply/replace only). */
export const crdRules: SemanticRule = (resource: CalicoResource) => {
  const out: Issues = [];
  const community = (path: string, value: unknown): void => {
    crdMaxLength(out, path, value, 32);
    if (typeof value === 'string' && !COMMUNITY_VALUE.test(value)) {
      out.push(issue(path, `${path} in body should match '${COMMUNITY_VALUE.source}'`, value));
    }
  };
  eachRule(resource, (rule, path, family) => {
    crdMaxLength(out, `${path}.cidr`, rule.cidr, family === 4 ? 18 : 43);
    crdCIDRFormat(out, `${path}.cidr`, rule.cidr);
    crdMaxLength(out, `${path}.interface`, rule.interface, 15);
    crdEnum(out, `${path}.matchOperator`, rule.matchOperator, ['Equal', 'NotEqual', 'In', 'NotIn']);
    crdEnum(out, `${path}.action`, rule.action, ['Accept', 'Reject'], true); // no omitempty
    crdEnum(out, `${path}.source`, rule.source, ['RemotePeers']);
    crdEnum(out, `${path}.peerType`, rule.peerType, ['eBGP', 'iBGP']);
    const values = rule.communities?.values;
    crdItems(out, `${path}.communities.values`, values, 1, 1);
    if (Array.isArray(values)) values.forEach((v: unknown, j: number) => community(`${path}.communities.values[${j}]`, v));
    crdItems(out, `${path}.operations`, rule.operations, 1, 10);
    const operations: unknown[] = Array.isArray(rule.operations) ? rule.operations : [];
    operations.forEach((op: any, j) => {
      const opPath = `${path}.operations[${j}]`;
      if (isSet(op?.addCommunity)) community(`${opPath}.addCommunity.value`, op.addCommunity.value);
      if (isSet(op?.prependASPath)) crdItems(out, `${opPath}.prependASPath.prefix`, op.prependASPath.prefix, 1, 10);
    });
    if (isNonEmptyString(rule.cidr) !== isNonEmptyString(rule.matchOperator)) {
      out.push(issue(path, 'cidr and matchOperator must both be set or both be empty'));
    }
    if (isSet(rule.prefixLength) && !isNonEmptyString(rule.cidr)) out.push(issue(path, 'cidr is required when prefixLength is set'));
    if (operations.length > 0 && rule.action !== 'Accept') out.push(issue(path, 'operations may only be used with action Accept'));
  });
  return out;
};
