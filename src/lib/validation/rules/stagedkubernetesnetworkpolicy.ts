// StagedKubernetesNetworkPolicy: Calico converts the embedded Kubernetes policy to a Calico policy to
// validate it; a port that cannot be converted fails. A staged Delete must carry no policy fields.
import type {SemanticRule} from '../types.js';
import {issue, nonZeroFields, parsePortString, type Issues} from './common.js';

interface K8sPort {
  protocol?: string;
  port?: number | string;
  endPort?: number;
}

interface K8sRule {
  ports?: K8sPort[];
}

/** The port text Calico builds from a Kubernetes port (`port` or `port:endPort`), or undefined when absent. */
function k8sPortText(p: K8sPort): string | undefined {
  if (p.port === undefined) return undefined;
  const text = String(p.port);
  return p.endPort === undefined ? text : `${text}:${p.endPort}`;
}

export const rules: SemanticRule = (resource) => {
  const out: Issues = [];
  const spec = resource.spec ?? {};
  if (spec.stagedAction === 'Delete') {
    const extra = nonZeroFields(spec, ['stagedAction']);
    if (extra.length) {
      out.push(issue('spec', `Spec fields should all be zero-value if stagedAction is Delete (set: ${extra.join(', ')})`));
    }
    return out;
  }
  for (const dir of ['ingress', 'egress'] as const) {
    for (const [i, rule] of ((spec[dir] as K8sRule[] | undefined) ?? []).entries()) {
      for (const [j, port] of (rule.ports ?? []).entries()) {
        const text = k8sPortText(port);
        if (text === undefined) continue;
        const parsed = parsePortString(text);
        if (typeof parsed === 'string') {
          out.push(
            issue(
              `spec.${dir}[${i}].ports[${j}]`,
              `conversion to stagednetworkpolicy failed: k8s rule couldn't be converted: failed to parse k8s port: invalid port ${text}: ${parsed}`,
              port.port,
            ),
          );
        }
      }
    }
  }
  return out;
};

/** CRD-only checks (applied by calicoctl 3.32 when writing to etcd, not by `validate`). */
export const crdRules: SemanticRule = (resource) => {
  const n = (resource.spec?.policyTypes as unknown[] | undefined)?.length ?? 0;
  return n > 2 ? [issue('spec.policyTypes', `Too many: ${n}: must have at most 2 items`)] : [];
};
