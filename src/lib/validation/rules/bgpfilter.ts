// BGPFilter: per-rule checks from Calico's Go validator (netv4/netv6 CIDRs, interface pattern) and the CEL
// rules of the BGPFilter CRD (cidr/matchOperator pairing, prefixLength needs cidr, operations need Accept).
import type {CalicoResource} from '../../resource.js';
import type {SemanticRule} from '../types.js';
import {issue, tagFailure, type Issues} from './common.js';
import {checkASNumber, checkNetwork, isNonEmptyString} from './infra-helpers.js';

const FILTER_INTERFACE = /^[a-zA-Z0-9_.*-]{1,15}$/;

const RULE_LISTS = [
  ['exportV4', 4],
  ['importV4', 4],
  ['exportV6', 6],
  ['importV6', 6],
] as const;

export const rules: SemanticRule = (resource: CalicoResource) => {
  const out: Issues = [];
  const spec = resource.spec ?? {};
  for (const [list, family] of RULE_LISTS) {
    const entries: any[] = Array.isArray(spec[list]) ? spec[list] : [];
    entries.forEach((rule, i) => {
      if (!rule || typeof rule !== 'object') return;
      const path = `spec.${list}[${i}]`;
      if (isNonEmptyString(rule.cidr)) {
        checkNetwork(out, `${path}.cidr`, rule.cidr, 'CIDR', family === 4 ? 'netv4' : 'netv6', true);
      }
      const asPath: unknown[] = Array.isArray(rule.asPathPrefix) ? rule.asPathPrefix : [];
      asPath.forEach((as, j) => checkASNumber(out, `${path}.asPathPrefix[${j}]`, as));
      const operations: any[] = Array.isArray(rule.operations) ? rule.operations : [];
      operations.forEach((op, j) => {
        const prefix: unknown[] = Array.isArray(op?.prependASPath?.prefix) ? op.prependASPath.prefix : [];
        prefix.forEach((as, k) => checkASNumber(out, `${path}.operations[${j}].prependASPath.prefix[${k}]`, as));
      });
      if (isNonEmptyString(rule.interface) && !FILTER_INTERFACE.test(rule.interface)) {
        out.push(issue(`${path}.interface`, tagFailure('Interface', 'bgpFilterInterface'), rule.interface));
      }
      if (isNonEmptyString(rule.cidr) !== isNonEmptyString(rule.matchOperator)) {
        out.push(issue(path, 'cidr and matchOperator must both be set or both be empty'));
      }
      if (rule.prefixLength !== undefined && rule.prefixLength !== null && !isNonEmptyString(rule.cidr)) {
        out.push(issue(`${path}.prefixLength`, 'cidr is required when prefixLength is set'));
      }
      if (Array.isArray(rule.operations) && rule.operations.length > 0 && rule.action !== 'Accept') {
        out.push(issue(`${path}.operations`, 'operations may only be used with action Accept'));
      }
    });
  }
  return out;
};
