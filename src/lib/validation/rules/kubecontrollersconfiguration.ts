// KubeControllersConfiguration semantic rules. Go stage: what Go's duration decoding rejects beyond syntax
// (overflow). CRD stage (`crdRules`): the CRD's log level enum, port ranges and the length of
// template names, plus the client's write-time checks (host endpoint templates, the `default` name).
// Calico's validator does not descend into host endpoint templates (no `dive`).
import type {CalicoResource} from '../../resource.js';
import type {SemanticRule} from '../types.js';
import {issue, type Issues} from './common.js';
import {checkDefaultName} from './infra-helpers.js';
import {crdConstraintIssues, type CRDConstraint, parseGoDuration} from './felixconfiguration.js';

const RECONCILING_CONTROLLERS = ['node', 'policy', 'workloadEndpoint', 'serviceAccount', 'namespace'] as const;
const PORT: CRDConstraint = {minimum: 0, maximum: 65535};
const LOG_SEVERITY: CRDConstraint = {enum: ['None', 'Debug', 'Info', 'Warning', 'Error', 'Fatal', 'Panic']};
const TEMPLATE_NAME: CRDConstraint = {maxLength: 253};

type Spec = Record<string, any>;

function checkDuration(value: unknown, path: string, out: Issues): void {
  if (typeof value !== 'string') return;
  const ns = parseGoDuration(value);
  if (typeof ns === 'string') out.push(issue(path, ns, value));
}

/** Go stage for a spec (also used for status.runningConfig, which has the same type). */
function goIssues(spec: Spec, path: string, out: Issues): void {
  checkDuration(spec.etcdV3CompactionPeriod, `${path}.etcdV3CompactionPeriod`, out);
  const controllers = spec.controllers ?? {};
  for (const name of RECONCILING_CONTROLLERS) {
    checkDuration(controllers[name]?.reconcilerPeriod, `${path}.controllers.${name}.reconcilerPeriod`, out);
  }
  checkDuration(controllers.node?.leakGracePeriod, `${path}.controllers.node.leakGracePeriod`, out);
}

/** The CRD-only checks of a spec (see `crdRules`). */
export function kubeControllersCRDIssues(spec: Spec | undefined, path = 'spec'): Issues {
  if (!spec || typeof spec !== 'object') return [];
  const out: Issues = [
    ...crdConstraintIssues(spec.logSeverityScreen, LOG_SEVERITY, `${path}.logSeverityScreen`),
    ...crdConstraintIssues(spec.prometheusMetricsPort, PORT, `${path}.prometheusMetricsPort`),
    ...crdConstraintIssues(spec.debugProfilePort, PORT, `${path}.debugProfilePort`),
  ];
  const templates = (spec.controllers?.node?.hostEndpoint?.templates as Array<{generateName?: string}> | undefined) ?? [];
  for (const [i, t] of templates.entries()) {
    out.push(...crdConstraintIssues(t.generateName, TEMPLATE_NAME, `${path}.controllers.node.hostEndpoint.templates[${i}].generateName`));
  }
  return out;
}

const specParts = (resource: CalicoResource): Array<[Spec, string]> =>
  (
    [
      [resource.spec, 'spec'],
      [resource.status?.runningConfig, 'status.runningConfig'],
    ] as Array<[Spec | undefined, string]>
  ).filter((p): p is [Spec, string] => !!p[0] && typeof p[0] === 'object');

export const rules: SemanticRule = (resource) => {
  const out: Issues = [];
  for (const [spec, path] of specParts(resource)) goIssues(spec, path, out);
  return out;
};

/**
 * The client's host endpoint template checks (validateAndFillDefaults, run before every create and update):
 * it stops at the first problem, with its reason text.
 */
function templateIssues(spec: Spec | undefined): Issues {
  const templates: unknown = spec?.controllers?.node?.hostEndpoint?.templates;
  if (!Array.isArray(templates)) return [];
  const seen = new Set<string>();
  for (const [i, t] of (templates as Array<Record<string, any> | null>).entries()) {
    const path = `spec.controllers.node.hostEndpoint.templates[${i}]`;
    const name: string = typeof t?.generateName === 'string' ? t.generateName : '';
    if (name === '') return [issue(`${path}.generateName`, 'Template name must be specified')];
    if (name.length > 253) return [issue(`${path}.generateName`, 'Template name must be shorter than 253 characters', name)];
    if (seen.has(name)) return [issue(`${path}.generateName`, 'Template name must be unique', name)];
    seen.add(name);
    const cidrs: unknown = t?.interfaceCIDRs;
    if ((!Array.isArray(cidrs) || cidrs.length === 0) && !t?.interfacePattern) {
      return [issue(path, 'InterfaceCIDRs or InterfacePattern must be specified')];
    }
  }
  return [];
}

/** The CRD-only checks and the client's, run by the orchestrator with `crdRules` (see src/lib/validation/index.ts). */
export const crdRules: SemanticRule = (resource) => {
  const out: Issues = [...templateIssues(resource.spec), ...specParts(resource).flatMap(([spec, path]) => kubeControllersCRDIssues(spec, path))];
  checkDefaultName(out, resource.metadata?.name, 'Cannot create a Kube Controllers Configuration resource with a name other than "default"');
  return out;
};
