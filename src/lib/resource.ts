// The shape of a Calico v3 resource as read from manifests and stored in etcd.

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string | null;
  deletionTimestamp?: string | null;
  deletionGracePeriodSeconds?: number | null;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: unknown[];
  finalizers?: string[];
  managedFields?: unknown[];
  [extra: string]: unknown;
}

export interface CalicoResource {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: any;
  status?: any;
}

/** `<Kind>(<name>)` or `<Kind>(<namespace>/<name>)`, the identifier calicoctl puts in messages. */
export function resourceId(kind: string, name: string | undefined, namespace?: string): string {
  return namespace ? `${kind}(${namespace}/${name ?? ''})` : `${kind}(${name ?? ''})`;
}
