// The datastore behind every resource command. The etcd v3 implementation lives in ./etcd.ts; nothing
// outside src/lib/datastore imports etcd3 directly.
import type {KindDescriptor} from '../registry/types.js';
import type {CalicoResource} from '../resource.js';

export interface ResourceKey {
  kind: KindDescriptor;
  name: string;
  /** Required for namespaced kinds, absent for cluster-scoped ones. */
  namespace?: string;
}

/** One raw etcd key/value (IPAM data, migration, interoperability tests). */
export interface KeyValue {
  key: string;
  value: string;
  /** etcd mod_revision as a decimal string (the resourceVersion of a v3 resource). */
  modRevision: string;
  /** etcd version counter of the key (0 = absent). */
  version: string;
  createRevision: string;
}

/** A compare-and-swap operation for raw keys; `modRevision: '0'`/`absent` means "must not exist". */
export type RawOp =
  | {op: 'put'; key: string; value: string; expectModRevision?: string; expectAbsent?: boolean}
  | {op: 'delete'; key: string; expectModRevision?: string};

export interface RawStore {
  get(key: string): Promise<KeyValue | undefined>;
  /** All keys under a prefix, in key order. */
  list(prefix: string): Promise<KeyValue[]>;
  /** Applies all ops in one etcd transaction; resolves false when any precondition failed. */
  txn(ops: RawOp[]): Promise<boolean>;
  /** Current etcd cluster revision. */
  revision(): Promise<string>;
}

export interface Datastore {
  /** Throws the datastore's ResourceDoesNotExist error (message `resource does not exist: ...`). */
  get(key: ResourceKey): Promise<CalicoResource>;
  /** All resources of a kind (namespace undefined = all namespaces), in etcd key order. */
  list(kind: KindDescriptor, namespace?: string): Promise<CalicoResource[]>;
  /** Fails with ResourceAlreadyExists when present. Returns the stored object with resourceVersion. */
  create(resource: CalicoResource): Promise<CalicoResource>;
  /** Compare-and-swap on metadata.resourceVersion; fails with UpdateConflict / ResourceDoesNotExist. */
  update(resource: CalicoResource): Promise<CalicoResource>;
  /** Optional resourceVersion precondition. Returns the deleted object. */
  delete(key: ResourceKey, resourceVersion?: string): Promise<CalicoResource>;
  readonly raw: RawStore;
  close(): Promise<void>;
  /** Reads many resources in few round trips; `undefined` where absent. Same read rules as get(). */
  getMany(keys: ResourceKey[]): Promise<Array<CalicoResource | undefined>>;
  /**
   * Creates/updates many resources with the same checks and outcomes as create()/update() one by one,
   * but batched into etcd transactions. Returns the stored object or the error per item, in order.
   */
  writeMany(items: ReadonlyArray<{op: 'create' | 'update'; resource: CalicoResource}>): Promise<Array<CalicoResource | Error>>;
  /**
   * All or nothing: the same checks as writeMany, then every write in one etcd transaction. Resolves the
   * stored objects in order; throws AtomicWriteError (nothing written) naming the items that prevented it.
   */
  writeAtomic?(items: ReadonlyArray<{op: 'create' | 'update'; resource: CalicoResource}>): Promise<CalicoResource[]>;
  /**
   * Deletes many resources with the same checks and outcomes as delete() one by one (optional
   * resourceVersion preconditions), batched into etcd transactions. Per item, in order.
   */
  deleteMany(items: ReadonlyArray<{key: ResourceKey; resourceVersion?: string}>): Promise<Array<CalicoResource | Error>>;
  /**
   * Called on every create/update after the client defaults were applied (clientv3 validates there);
   * a returned error fails that write. Unset = no validation.
   */
  writeValidator?: (defaulted: CalicoResource, input: CalicoResource) => Promise<Error | undefined>;
  /** The request timeout in milliseconds that bounds every etcd call. */
  readonly timeoutMs: number;
}
