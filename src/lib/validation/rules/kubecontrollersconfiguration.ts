// KubeControllersConfiguration semantic rules. The schema carries the enums and port ranges; what is left is
// what Go's duration decoding rejects beyond syntax (overflow). Calico's validator does not descend into
// host endpoint templates (no `dive`), and the "only `default`" name rule belongs to the datastore client's
// Create, not to validation, so neither is checked here.
import type {SemanticRule} from '../types.js';
import {issue, type Issues} from './common.js';
import {parseGoDuration} from './felixconfiguration.js';

const RECONCILING_CONTROLLERS = ['node', 'policy', 'workloadEndpoint', 'serviceAccount', 'namespace'] as const;

function checkDuration(value: unknown, path: string, out: Issues): void {
  if (typeof value !== 'string') return;
  const ns = parseGoDuration(value);
  if (typeof ns === 'string') out.push(issue(path, ns, value));
}

function checkSpec(spec: Record<string, any> | undefined, path: string, out: Issues): void {
  if (!spec || typeof spec !== 'object') return;
  checkDuration(spec.etcdV3CompactionPeriod, `${path}.etcdV3CompactionPeriod`, out);
  const controllers = spec.controllers ?? {};
  for (const name of RECONCILING_CONTROLLERS) {
    checkDuration(controllers[name]?.reconcilerPeriod, `${path}.controllers.${name}.reconcilerPeriod`, out);
  }
  checkDuration(controllers.node?.leakGracePeriod, `${path}.controllers.node.leakGracePeriod`, out);
}

export const rules: SemanticRule = (resource) => {
  const out: Issues = [];
  checkSpec(resource.spec, 'spec', out);
  checkSpec(resource.status?.runningConfig, 'status.runningConfig', out);
  return out;
};
