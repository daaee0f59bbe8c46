// ClusterInformation: Calico's validator has no rules for this spec beyond its field types (the JSON Schema).
import type {CalicoResource} from '../../resource.js';
import type {SemanticRule} from '../types.js';
import type {Issues} from './common.js';
import {checkDefaultName} from './infra-helpers.js';

export const rules: SemanticRule = () => [];

/** The client's write-time check: only `default` can be created. */
export const crdRules: SemanticRule = (resource: CalicoResource) => {
  const out: Issues = [];
  checkDefaultName(out, resource.metadata?.name, 'Cannot create a Cluster Information resource with a name other than "default"');
  return out;
};
