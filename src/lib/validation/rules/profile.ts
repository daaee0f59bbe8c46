// Profile: rules as in policies (without the policy-level checks) and labelsToApply as labels.
import type {SemanticRule} from '../types.js';
import {checkLabelMap, checkRules, issue, type Issues} from './common.js';

/** The profile Calico provides itself; the client refuses to create or update it. */
export const DEFAULT_ALLOW_PROFILE = 'projectcalico-default-allow';

export const rules: SemanticRule = (resource) => {
  const out: Issues = [];
  const spec = resource.spec ?? {};
  checkRules(spec, out);
  checkLabelMap(spec.labelsToApply, 'spec.labelsToApply', 'LabelsToApply', out);
  return out;
};

/** Write-stage check: no create or apply can write the built-in default-allow profile. */
export const crdRules: SemanticRule = (resource) =>
  resource.metadata?.name === DEFAULT_ALLOW_PROFILE
    ? [issue('metadata.name', `The profile "${DEFAULT_ALLOW_PROFILE}" is a default provided by Calico and cannot be created or updated`, DEFAULT_ALLOW_PROFILE)]
    : [];
