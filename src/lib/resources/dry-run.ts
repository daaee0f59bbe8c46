// --dry-run and apply --skip-unchanged. Both work below the datastore, on the etcd client it talks to, so
// every check of a real write (defaults, validation, IPPool overlap, tier existence, namespace rules,
// resourceVersion preconditions, the Node/IPPool delete cascades) runs unchanged:
// - a dry run reads the real etcd and keeps its own writes in memory (later reads in the same run see
//   them, as they would see real writes), so nothing reaches etcd;
// - skip-unchanged drops a put whose value equals what is stored, guarded by that key's mod revision.
import type {CommandAction} from '../cli/types.js';
import {CliError} from '../errors.js';
import type {Output} from '../io.js';
import type {Datastore} from '../datastore/types.js';
import type {Compare, EtcdClient, EtcdKeyValue, RangeOptions, RangeResult, TxnOp, TxnOpResult, TxnResult} from '../datastore/etcd-client.js';

/** What a dry run puts in front of every line it prints. */
export const DRY_RUN_PREFIX = '(dry run) ';

/** The public surface of EtcdClient that the datastore uses. */
type ClientSurface = Pick<EtcdClient, 'timeoutMs' | 'range' | 'count' | 'rangeAll' | 'txn' | 'bulkTxn' | 'enableBulkMode' | 'close'>;

const byKey = (a: EtcdKeyValue, b: EtcdKeyValue) => Buffer.compare(Buffer.from(a.key), Buffer.from(b.key));

/** Serialises async sections (transactions must not interleave their check and their effect). */
class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn, fn);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

function compareHolds(c: Compare, kv: EtcdKeyValue | undefined): boolean {
  let actual: bigint | string;
  let expected: bigint | string;
  if (c.target === 'VALUE') {
    actual = kv?.value ?? '';
    expected = c.value;
  } else {
    const field = c.target === 'VERSION' ? 'version' : c.target === 'CREATE' ? 'createRevision' : 'modRevision';
    actual = BigInt(kv?.[field] ?? '0');
    expected = BigInt(c.value);
  }
  switch (c.result ?? 'EQUAL') {
    case 'EQUAL':
      return actual === expected;
    case 'NOT_EQUAL':
      return actual !== expected;
    case 'GREATER':
      return actual > expected;
    case 'LESS':
      return actual < expected;
  }
}

/** etcd with a private, in-memory layer of writes on top: reads see both, writes go only to the layer. */
export class OverlayEtcdClient implements ClientSurface {
  /** Written keys: the value now, or null when deleted. */
  private readonly layer = new Map<string, EtcdKeyValue | null>();
  private revision = 0n;
  private readonly mutex = new Mutex();

  constructor(private readonly real: EtcdClient) {}

  get timeoutMs(): number {
    return this.real.timeoutMs;
  }

  enableBulkMode(): void {}

  close(): void {
    this.real.close();
  }

  private observe(revision: string): void {
    const r = BigInt(revision || '0');
    if (r > this.revision) this.revision = r;
  }

  private async current(key: string): Promise<EtcdKeyValue | undefined> {
    if (this.layer.has(key)) return this.layer.get(key) ?? undefined;
    const r = await this.real.range(key);
    this.observe(r.revision);
    return r.kvs[0];
  }

  /** Real keys under a prefix with the layer applied, in etcd's (byte) order. */
  private withLayer(real: EtcdKeyValue[], prefix: string): EtcdKeyValue[] {
    const merged = new Map(real.map((kv) => [kv.key, kv]));
    for (const [key, kv] of this.layer) {
      if (!key.startsWith(prefix)) continue;
      if (kv) merged.set(key, kv);
      else merged.delete(key);
    }
    return [...merged.values()].sort(byKey);
  }

  private async under(prefix: string): Promise<EtcdKeyValue[]> {
    const r = await this.real.rangeAll(prefix);
    this.observe(r.revision);
    return this.withLayer(r.kvs, prefix);
  }

  async range(key: string, opts: RangeOptions = {}): Promise<RangeResult> {
    let kvs: EtcdKeyValue[];
    let more = false;
    if (opts.prefix && opts.limit) {
      // A page: ask for as many more real keys as the layer might hide, so `limit` survive the merge;
      // layer keys past the last real key then fall beyond the page, as they would in etcd.
      const layered = [...this.layer.keys()].filter((k) => k.startsWith(key)).length;
      const r = await this.real.range(key, {...opts, keysOnly: false, limit: opts.limit + layered});
      this.observe(r.revision);
      kvs = this.withLayer(r.kvs, key);
      if (opts.fromKey !== undefined) kvs = kvs.filter((kv) => Buffer.compare(Buffer.from(kv.key), Buffer.from(opts.fromKey!)) >= 0);
      more = r.more || kvs.length > opts.limit;
      kvs = kvs.slice(0, opts.limit);
    } else if (opts.prefix) {
      kvs = await this.under(key);
      if (opts.fromKey !== undefined) kvs = kvs.filter((kv) => Buffer.compare(Buffer.from(kv.key), Buffer.from(opts.fromKey!)) >= 0);
    } else {
      const kv = await this.current(key);
      kvs = kv ? [kv] : [];
    }
    if (opts.keysOnly) kvs = kvs.map((kv) => ({...kv, value: ''}));
    return {kvs, revision: String(this.revision), more};
  }

  async count(prefix: string): Promise<number> {
    return (await this.under(prefix)).length;
  }

  async rangeAll(prefix: string): Promise<RangeResult> {
    return {kvs: await this.under(prefix), revision: String(this.revision), more: false};
  }

  bulkTxn(compares: Compare[], success: TxnOp[]): Promise<TxnResult> {
    return this.txn(compares, success);
  }

  txn(compares: Compare[], success: TxnOp[], failure: TxnOp[] = []): Promise<TxnResult> {
    return this.mutex.run(async () => {
      let succeeded = true;
      for (const c of compares) if (!compareHolds(c, await this.current(c.key))) succeeded = false;
      const ops = succeeded ? success : failure;
      const writes = ops.some((op) => 'put' in op || 'del' in op);
      const rev = writes ? this.revision + 1n : this.revision;
      const responses: TxnOpResult[] = [];
      for (const op of ops) {
        if ('put' in op) {
          const prev = await this.current(op.put.key);
          this.layer.set(op.put.key, {
            key: op.put.key,
            value: op.put.value,
            createRevision: prev ? prev.createRevision : String(rev),
            modRevision: String(rev),
            version: String(prev ? BigInt(prev.version) + 1n : 1n),
          });
          responses.push({revision: String(rev)});
        } else if ('range' in op) {
          const kv = op.range.prefix ? await this.under(op.range.key) : [await this.current(op.range.key)].filter((x): x is EtcdKeyValue => !!x);
          responses.push({kvs: kv});
        } else {
          const gone = op.del.prefix ? await this.under(op.del.key) : [await this.current(op.del.key)].filter((x): x is EtcdKeyValue => !!x);
          for (const kv of gone) this.layer.set(kv.key, null);
          responses.push({deleted: gone.length, prevKvs: op.del.prevKv ? gone : []});
        }
      }
      this.revision = rev;
      return {succeeded, revision: String(rev), responses};
    });
  }
}

function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((v, i) => jsonEqual(v, (b as unknown[])[i]));
  const ak = Object.keys(a);
  const bk = Object.keys(b);
  return ak.length === bk.length && ak.every((k) => k in b && jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Stored values that mean the same JSON (field order aside). */
export function sameStoredValue(a: string, b: string): boolean {
  try {
    return jsonEqual(JSON.parse(a), JSON.parse(b));
  } catch {
    return a === b;
  }
}

/**
 * Passes everything through, except that a put whose value equals the stored one is left out of its
 * transaction (a compare on the key's mod revision takes its place, so a concurrent change still fails
 * the transaction). Counts the puts left out of transactions that succeeded.
 */
export class UnchangedSkippingClient implements ClientSurface {
  unchanged = 0;

  constructor(private readonly inner: ClientSurface) {}

  get timeoutMs(): number {
    return this.inner.timeoutMs;
  }

  enableBulkMode(): void {
    this.inner.enableBulkMode();
  }

  close(): void {
    this.inner.close();
  }

  range(key: string, opts?: RangeOptions): Promise<RangeResult> {
    return this.inner.range(key, opts);
  }

  count(prefix: string): Promise<number> {
    return this.inner.count(prefix);
  }

  rangeAll(prefix: string, pageSize?: number): Promise<RangeResult> {
    return this.inner.rangeAll(prefix, pageSize);
  }

  txn(compares: Compare[], success: TxnOp[], failure: TxnOp[] = []): Promise<TxnResult> {
    return this.skipping(compares, success, (c, s) => this.inner.txn(c, s, failure));
  }

  bulkTxn(compares: Compare[], success: TxnOp[]): Promise<TxnResult> {
    return this.skipping(compares, success, (c, s) => (s.length ? this.inner.bulkTxn(c, s) : this.inner.txn(c, s)));
  }

  private async skipping(compares: Compare[], success: TxnOp[], send: (c: Compare[], s: TxnOp[]) => Promise<TxnResult>): Promise<TxnResult> {
    const puts = success.filter((op): op is Extract<TxnOp, {put: unknown}> => 'put' in op);
    if (puts.length === 0) return send(compares, success);
    const stored = await this.inner.txn([], puts.map((op) => ({range: {key: op.put.key}})));
    const extra: Compare[] = [];
    const kept: TxnOp[] = [];
    let dropped = 0;
    for (const op of success) {
      const index = 'put' in op ? puts.indexOf(op) : -1;
      const current = index >= 0 ? stored.responses[index]?.kvs?.[0] : undefined;
      if (current && 'put' in op && sameStoredValue(current.value, op.put.value)) {
        extra.push({key: current.key, target: 'MOD', value: current.modRevision});
        dropped++;
      } else kept.push(op);
    }
    if (dropped === 0) return send(compares, success);
    const res = await send([...compares, ...extra], kept);
    if (res.succeeded) this.unchanged += dropped;
    return res;
  }
}

/** A datastore over the same etcd connection as `ds`, whose etcd calls go through `wrap`. */
export async function rewrapDatastore(ds: Datastore, wrap: (client: EtcdClient) => ClientSurface): Promise<Datastore> {
  const {EtcdDatastore} = await import('../datastore/etcd.js');
  // The connection (endpoints, TLS, auth) is the datastore's own; reuse it rather than open another.
  const client = (ds as unknown as {client?: EtcdClient}).client;
  if (!(ds instanceof EtcdDatastore) || !client) throw new Error('this option needs the etcdv3 datastore');
  const wrapped = new EtcdDatastore(wrap(client) as EtcdClient);
  wrapped.writeValidator = ds.writeValidator;
  return wrapped;
}

/** `ds` with writes kept in memory: every check runs against the real data, nothing is written. */
export function dryRunDatastore(ds: Datastore): Promise<Datastore> {
  return rewrapDatastore(ds, (client) => new OverlayEtcdClient(client));
}

/** Prefixes every line written through it. */
export function prefixedOutput(out: Output, prefix: string): Output {
  const state = {out: true, err: true};
  const prefixLines = (text: string, stream: 'out' | 'err') => {
    let result = '';
    for (const ch of text.split(/(?<=\n)/)) {
      if (state[stream]) result += prefix;
      result += ch;
      state[stream] = ch.endsWith('\n');
    }
    return result;
  };
  return {out: (text) => out.out(prefixLines(text, 'out')), err: (text) => out.err(prefixLines(text, 'err'))};
}

/** Prefixes every non-empty line of a message. */
export function prefixMessage(message: string, prefix: string): string {
  return message
    .split('\n')
    .map((line) => (line ? prefix + line : line))
    .join('\n');
}

/**
 * With --dry-run, runs the action with every line it prints (stdout and stderr, errors included)
 * prefixed with `(dry run) `. Without, runs it as it is.
 */
export function dryRunAware(action: CommandAction): CommandAction {
  return async (input) => {
    if (!input.flags['dry-run']) return action(input);
    try {
      return await action({...input, out: prefixedOutput(input.out, DRY_RUN_PREFIX)});
    } catch (err) {
      if (err instanceof CliError) throw new CliError(prefixMessage(err.message, DRY_RUN_PREFIX), {exitCode: err.exitCode, stream: err.stream});
      throw err;
    }
  };
}

/** `ds` itself, or its dry-run twin when --dry-run was given. */
export function dryRunIfAsked(ds: Datastore, flags: Readonly<Record<string, unknown>>): Promise<Datastore> {
  return flags['dry-run'] ? dryRunDatastore(ds) : Promise.resolve(ds);
}
