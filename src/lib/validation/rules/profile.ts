// Profile: rules as in policies (without the policy-level checks) and labelsToApply as labels.
import type {SemanticRule} from '../types.js';
import {checkLabelMap, checkRules, type Issues} from './common.js';

export const rules: SemanticRule = (resource) => {
  const out: Issues = [];
  const spec = resource.spec ?? {};
  checkRules(spec, out);
  checkLabelMap(spec.labelsToApply, 'spec.labelsToApply', 'LabelsToApply', out);
  return out;
};
