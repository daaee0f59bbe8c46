// CalicoNodeStatus: the Go tags on its spec (`node` is a resource name, `classes` has no duplicates, the
// update period is at most a day). Status lists carry no `dive` tag, so Calico does not check their items.
import type {CalicoResource} from '../../resource.js';
import type {SemanticRule} from '../types.js';
import {issue, NAME_REGEX, tagFailure, type Issues} from './common.js';

const MAX_UPDATE_PERIOD_SECONDS = 86400;

export const rules: SemanticRule = (resource: CalicoResource) => {
  const out: Issues = [];
  const spec = resource.spec ?? {};
  if (typeof spec.node === 'string') {
    if (spec.node === '') out.push(issue('spec.node', tagFailure('Node', 'required'), spec.node));
    else if (!NAME_REGEX.test(spec.node)) out.push(issue('spec.node', tagFailure('Node', 'name'), spec.node));
  }
  if (Array.isArray(spec.classes) && new Set(spec.classes).size !== spec.classes.length) {
    out.push(issue('spec.classes', tagFailure('Classes', 'unique'), spec.classes));
  }
  if (typeof spec.updatePeriodSeconds === 'number' && spec.updatePeriodSeconds > MAX_UPDATE_PERIOD_SECONDS) {
    out.push(issue('spec.updatePeriodSeconds', tagFailure('UpdatePeriodSeconds', 'lte'), spec.updatePeriodSeconds));
  }
  return out;
};
