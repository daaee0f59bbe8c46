// Profile: rules as in policies (without the policy-level checks) and labelsToApply as labels.
import type {SemanticRule} from '../types.js';
import {checkObjectMeta, checkRules, issue, labelValueErrors, qualifiedNameErrors, tagFailure, type Issues} from './common.js';

export const rules: SemanticRule = (resource) => {
  const out: Issues = [];
  checkObjectMeta(resource, out);
  const spec = resource.spec ?? {};
  checkRules(spec, out);
  const labels: Record<string, string> = spec.labelsToApply ?? {};
  for (const [k, v] of Object.entries(labels)) {
    const problems = [...qualifiedNameErrors(k), ...labelValueErrors(v)];
    if (problems.length) out.push(issue(`spec.labelsToApply.${k}`, `${tagFailure('LabelsToApply', 'labels')}: ${problems.join('; ')}`, v));
  }
  return out;
};
