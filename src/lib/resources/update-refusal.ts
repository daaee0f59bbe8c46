// calicoctl's resource managers refuse some updates before they reach the client: ClusterInformation is
// owned by calico/node, and `knp.default.*` NetworkPolicies mirror Kubernetes policies.
import {OperationNotSupportedError} from '../datastore/errors.js';
import {resourceId, type CalicoResource} from '../resource.js';

/** The error calicoctl gives when updating this resource (apply/replace/patch/label), if any. */
export function updateRefusal(r: CalicoResource): Error | undefined {
  if (r.kind === 'ClusterInformation') return new OperationNotSupportedError('apply or replace', 'ClusterInformation');
  if (r.kind === 'NetworkPolicy' && r.metadata.name?.startsWith('knp.default.')) {
    return new OperationNotSupportedError(
      'apply or replace',
      resourceId(r.kind, r.metadata.name, r.metadata.namespace || undefined),
      'kubernetes network policies must be managed through the kubernetes API',
    );
  }
  return undefined;
}
