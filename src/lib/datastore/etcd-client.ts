// A small etcd v3 client over etcd's HTTP/JSON gateway (`/v3/kv/*`, served on every etcd client URL since
// 3.4). It replaces the etcd3 npm package because (1) loading etcd3 + gRPC + protobuf costs 100-200 ms of
// start-up on every command, (2) etcd3's dialTimeout is a no-op, so unreachable endpoints hang. Here every
// request carries a hard deadline, endpoints fail over in order, and keep-alive sockets never hold the
// process open (they are unref'd and destroyed on close()).
import {X509Certificate} from 'node:crypto';
import {readFileSync} from 'node:fs';
import type {Agent as HttpAgent, IncomingMessage} from 'node:http';
import type {CalicoAPIConfigSpec} from '../config/index.js';
import {DatastoreError, EtcdUnreachableError, UnauthorizedError} from './errors.js';
import {log} from '../log.js';

export interface EtcdKeyValue {
  key: string;
  value: string;
  createRevision: string;
  modRevision: string;
  version: string;
}

export type CompareTarget = 'VERSION' | 'CREATE' | 'MOD' | 'VALUE';
export interface Compare {
  key: string;
  target: CompareTarget;
  result?: 'EQUAL' | 'NOT_EQUAL' | 'GREATER' | 'LESS';
  /** Revision/version as a decimal string, or the value for VALUE. */
  value: string;
}

export type TxnOp =
  | {put: {key: string; value: string}}
  | {range: {key: string; prefix?: boolean}}
  | {del: {key: string; prefix?: boolean; prevKv?: boolean}};

export interface TxnOpResult {
  /** For range ops. */
  kvs?: EtcdKeyValue[];
  /** For delete ops. */
  deleted?: number;
  prevKvs?: EtcdKeyValue[];
  /** Revision of a put. */
  revision?: string;
}

export interface TxnResult {
  succeeded: boolean;
  revision: string;
  responses: TxnOpResult[];
  /**
   * True when an earlier attempt of this same request failed after it may have reached etcd (timeout,
   * reset, leader loss) and was sent again: a failed compare may then be our own first attempt's write.
   */
  retried?: boolean;
}

export interface RangeOptions {
  prefix?: boolean;
  keysOnly?: boolean;
  limit?: number;
  /** Only keys >= this key (used for paging through a prefix). */
  fromKey?: string;
}

export interface RangeResult {
  kvs: EtcdKeyValue[];
  revision: string;
  more: boolean;
}

interface Endpoint {
  url: URL;
  secure: boolean;
}

interface GatewayKv {
  key: string;
  value?: string;
  create_revision?: string;
  mod_revision?: string;
  version?: string;
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const unb64 = (s: string | undefined) => (s ? Buffer.from(s, 'base64').toString('utf8') : '');

/** The range end that makes [key, end) cover every key with this prefix. */
export function prefixRangeEnd(prefix: string): string {
  const buf = Buffer.from(prefix, 'utf8');
  for (let i = buf.length - 1; i >= 0; i--) {
    if (buf[i] < 0xff) {
      const end = Buffer.from(buf.subarray(0, i + 1));
      end[i] += 1;
      return end.toString('base64');
    }
  }
  return Buffer.from([0]).toString('base64');
}

function toKv(kv: GatewayKv): EtcdKeyValue {
  return {
    key: unb64(kv.key),
    value: unb64(kv.value),
    createRevision: kv.create_revision ?? '0',
    modRevision: kv.mod_revision ?? '0',
    version: kv.version ?? '0',
  };
}

function opToJson(op: TxnOp): Record<string, unknown> {
  if ('put' in op) return {requestPut: {key: b64(op.put.key), value: b64(op.put.value)}};
  if ('range' in op) {
    const r: Record<string, unknown> = {key: b64(op.range.key)};
    if (op.range.prefix) r.range_end = prefixRangeEnd(op.range.key);
    return {requestRange: r};
  }
  const d: Record<string, unknown> = {key: b64(op.del.key)};
  if (op.del.prefix) d.range_end = prefixRangeEnd(op.del.key);
  if (op.del.prevKv) d.prev_kv = true;
  return {requestDeleteRange: d};
}

function compareToJson(c: Compare): Record<string, unknown> {
  const j: Record<string, unknown> = {key: b64(c.key), target: c.target, result: c.result ?? 'EQUAL'};
  if (c.target === 'VERSION') j.version = c.value;
  else if (c.target === 'CREATE') j.create_revision = c.value;
  else if (c.target === 'MOD') j.mod_revision = c.value;
  else j.value = b64(c.value);
  return j;
}

class RequestFailure extends Error {
  constructor(
    message: string,
    /** True when another endpoint may succeed (connection-level failure). */
    readonly retryable: boolean,
    /** True when the request may have reached etcd and been applied although it failed. */
    readonly maybeApplied = false,
  ) {
    super(message);
  }
}


/** The last line of defence against hostile names: this tool writes and deletes only under /calico/. */
function guardWriteKey(op: TxnOp): void {
  const key = 'put' in op ? op.put.key : 'del' in op ? op.del.key : undefined;
  if (key !== undefined && !key.startsWith('/calico/')) throw new DatastoreError(`refusing to write etcd key outside /calico/: ${JSON.stringify(key)}`);
}

export interface EtcdClientOptions {
  endpoints: string[];
  timeoutMs: number;
  username?: string;
  password?: string;
  ca?: string | Buffer;
  cert?: string | Buffer;
  key?: string | Buffer;
}

export class EtcdClient {
  private readonly endpoints: Endpoint[];
  private current = 0;
  private token: string | undefined;
  private authenticated = false;
  private agents = new Map<string, HttpAgent>();
  private closed = false;

  constructor(private readonly opts: EtcdClientOptions) {
    this.endpoints = opts.endpoints.map((e) => {
      let url: URL;
      try {
        url = new URL(e.includes('://') ? e : `http://${e}`);
      } catch {
        throw new Error(`invalid etcd endpoint: ${e}`);
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`invalid etcd endpoint: ${e} (expected http:// or https://)`);
      return {url, secure: url.protocol === 'https:'};
    });
  }

  get timeoutMs(): number {
    return this.opts.timeoutMs;
  }

  /** Reads keys: one key, or all keys under a prefix (paged, so huge prefixes do not hit size limits). */
  async range(key: string, opts: RangeOptions = {}): Promise<RangeResult> {
    const body: Record<string, unknown> = {key: b64(opts.fromKey ?? key)};
    if (opts.prefix) body.range_end = prefixRangeEnd(key);
    if (opts.keysOnly) body.keys_only = true;
    if (opts.limit) body.limit = String(opts.limit);
    const res = (await this.call('/v3/kv/range', body)) as {header?: {revision?: string}; kvs?: GatewayKv[]; more?: boolean};
    return {kvs: (res.kvs ?? []).map(toKv), revision: res.header?.revision ?? '0', more: !!res.more};
  }

  /** Number of keys under a prefix. */
  async count(prefix: string): Promise<number> {
    const res = (await this.call('/v3/kv/range', {key: b64(prefix), range_end: prefixRangeEnd(prefix), count_only: true})) as {count?: string};
    return Number(res.count ?? 0);
  }

  /** All keys under a prefix, read page by page at one revision. */
  async rangeAll(prefix: string, pageSize = 2000): Promise<RangeResult> {
    const all: EtcdKeyValue[] = [];
    let revision: string | undefined;
    let from = prefix;
    for (;;) {
      const body: Record<string, unknown> = {key: b64(from), range_end: prefixRangeEnd(prefix), limit: String(pageSize)};
      if (revision) body.revision = revision;
      const res = (await this.call('/v3/kv/range', body)) as {header?: {revision?: string}; kvs?: GatewayKv[]; more?: boolean};
      revision ??= res.header?.revision ?? '0';
      const kvs = (res.kvs ?? []).map(toKv);
      all.push(...kvs);
      if (!res.more || kvs.length === 0) break;
      from = kvs[kvs.length - 1].key + '\u0000';
    }
    return {kvs: all, revision: revision ?? '0', more: false};
  }

  async txn(compares: Compare[], success: TxnOp[], failure: TxnOp[] = []): Promise<TxnResult> {
    for (const op of success) guardWriteKey(op);
    const body = {compare: compares.map(compareToJson), success: success.map(opToJson), failure: failure.map(opToJson)};
    const attempt = {retried: false};
    const res = (await this.call('/v3/kv/txn', body, attempt)) as {
      header?: {revision?: string};
      succeeded?: boolean;
      responses?: Array<Record<string, any>>;
    };
    const responses: TxnOpResult[] = (res.responses ?? []).map((r) => {
      if (r.response_range) return {kvs: (r.response_range.kvs ?? []).map(toKv)};
      if (r.response_put) return {revision: r.response_put.header?.revision};
      if (r.response_delete_range) {
        return {deleted: Number(r.response_delete_range.deleted ?? 0), prevKvs: (r.response_delete_range.prev_kvs ?? []).map(toKv)};
      }
      return {};
    });
    return {succeeded: !!res.succeeded, revision: res.header?.revision ?? '0', responses, retried: attempt.retried};
  }

  /**
   * A transaction for bulk writes. Large bulk runs go over etcd's native gRPC API when the etcd3 package
   * can be used (the JSON gateway costs etcd about 3x more CPU per operation); anything unexpected there
   * switches back to the gateway for the rest of the run.
   */
  async bulkTxn(compares: Compare[], success: TxnOp[]): Promise<TxnResult> {
    for (const op of success) guardWriteKey(op);
    if (this.grpc !== false && this.bulkMode) {
      try {
        this.grpc ??= await this.openGrpc();
        return await this.grpcTxn(this.grpc, compares, success);
      } catch (err) {
        log.debug(`bulk writes fall back to the JSON gateway: ${(err as Error).message}`);
        if (this.grpc) this.grpc.close();
        this.grpc = false;
      }
    }
    return this.txn(compares, success);
  }

  /** Allows bulkTxn to use gRPC (worth its start-up cost only for large runs). */
  enableBulkMode(): void {
    this.bulkMode = true;
  }

  private bulkMode = false;
  private grpc: import('etcd3').Etcd3 | false | undefined;

  private async openGrpc(): Promise<import('etcd3').Etcd3> {
    const {Etcd3} = await import('etcd3');
    const toBuf = (v: string | Buffer | undefined) => (v === undefined ? undefined : Buffer.isBuffer(v) ? v : Buffer.from(v));
    const secure = this.endpoints.some((e) => e.secure);
    const ca = toBuf(this.opts.ca);
    return new Etcd3({
      hosts: this.endpoints.map((e) => e.url.origin),
      credentials: secure && ca ? {rootCertificate: ca, privateKey: toBuf(this.opts.key), certChain: toBuf(this.opts.cert)} : undefined,
      auth: this.opts.username && this.opts.password ? {username: this.opts.username, password: this.opts.password} : undefined,
      defaultCallOptions: (ctx) => (ctx.isStream ? {} : {deadline: Date.now() + this.opts.timeoutMs}),
    });
  }

  private async grpcTxn(client: import('etcd3').Etcd3, compares: Compare[], success: TxnOp[]): Promise<TxnResult> {
    if (compares.length === 0 || success.some((op) => !('put' in op))) throw new Error('unsupported bulk transaction');
    const target = {VERSION: 'Version', CREATE: 'Create', MOD: 'Mod', VALUE: 'Value'} as const;
    const [first, ...rest] = compares;
    let builder = client.if(first.key, target[first.target], '==', first.value);
    for (const c of rest) builder = builder.and(c.key, target[c.target], '==', c.value);
    const ops = success.map((op) => client.put((op as {put: {key: string}}).put.key).value((op as {put: {value: string}}).put.value));
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), this.opts.timeoutMs);
    });
    try {
      const res = await Promise.race([builder.then(...ops).commit(), deadline]);
      return {succeeded: !!res.succeeded, revision: String(res.header.revision), responses: []};
    } finally {
      clearTimeout(timer);
    }
  }

  close(): void {
    if (this.grpc) this.grpc.close();
    this.closed = true;
    for (const a of this.agents.values()) a.destroy();
    this.agents.clear();
  }

  private async call(path: string, body: unknown, attempt = {retried: false}): Promise<unknown> {
    if (this.closed) throw new DatastoreError('etcd client is closed');
    // Once every endpoint failed within a whole timeout, requests in the next timeout window fail at once:
    // a bulk command against a dead cluster ends within about one timeout, not one per resource, while a
    // long-lived client (version --poll) still notices when etcd comes back.
    if (this.unreachable && Date.now() < this.unreachable.until) throw this.unreachable.error;
    if (!this.authenticated && this.opts.username && this.opts.password) await this.authenticate();
    try {
      return await this.withFailover(path, body, attempt);
    } catch (err) {
      // An expired or revoked token: authenticate again once.
      if (err instanceof UnauthorizedError && this.token && /invalid auth token/.test(err.message)) {
        this.authenticated = false;
        await this.authenticate();
        return this.withFailover(path, body, attempt);
      }
      if (err instanceof EtcdUnreachableError) this.unreachable = {error: err, until: Date.now() + this.opts.timeoutMs};
      throw err;
    }
  }

  private unreachable: {error: EtcdUnreachableError; until: number} | undefined;
  /** A failed authentication fails every later request the same way (never a silent unauthenticated retry). */
  private authFailure: Error | undefined;

  private async authenticate(): Promise<void> {
    if (this.authFailure) throw this.authFailure;
    this.token = undefined;
    try {
      const res = (await this.withFailover('/v3/auth/authenticate', {name: this.opts.username, password: this.opts.password}, {retried: false})) as {
        token?: string;
      };
      this.token = res.token;
    } catch (err) {
      // Like etcd's Go client: credentials for an etcd without authentication are simply not used.
      if (!(err instanceof DatastoreError && /authentication is not enabled/.test(err.message))) {
        if (!(err instanceof EtcdUnreachableError)) this.authFailure = err as Error;
        throw err;
      }
    }
    this.authenticated = true;
  }

  /** Tries the endpoints in order, starting from the last one that worked, within one overall deadline. */
  private async withFailover(path: string, body: unknown, attempt: {retried: boolean}): Promise<unknown> {
    const deadline = Date.now() + this.opts.timeoutMs;
    const payload = JSON.stringify(body);
    let failures: string[] = [];
    // Rounds over all endpoints until the deadline while failures may pass (a leader election, a member
    // restarting); TLS and DNS failures end after one round.
    for (let round = 0; ; round++) {
      failures = [];
      let transient = false;
      for (let i = 0; i < this.endpoints.length; i++) {
        const idx = (this.current + i) % this.endpoints.length;
        const ep = this.endpoints[idx];
        const remaining = deadline - Date.now();
        if (remaining <= 0) break;
        // With several members, one attempt may not take the whole deadline: a member that lost its leader
        // holds requests for up to ~7 s while the others may already have a new one. The last attempt that
        // fits gets all the time left (a merely slow request still completes).
        const cap = Math.max(500, Math.floor(this.opts.timeoutMs / 4));
        const attemptMs = this.endpoints.length > 1 && remaining >= 2 * cap ? cap : remaining;
        try {
          const res = await this.post(ep, path, payload, attemptMs);
          this.current = idx;
          return res;
        } catch (err) {
          if (err instanceof RequestFailure && err.retryable) {
            failures.push(`${ep.url.origin}: ${err.message}`);
            if (err.maybeApplied) attempt.retried = true;
            if (!/^TLS error|^cannot resolve/.test(err.message)) transient = true;
            continue;
          }
          throw err;
        }
      }
      const pause = Math.min(100 * 2 ** round, 1000);
      if (!transient || deadline - Date.now() <= pause) break;
      await new Promise((r) => setTimeout(r, pause));
    }
    if (failures.length === 0) failures.push(`timed out after ${formatSeconds(this.opts.timeoutMs)}`);
    throw new EtcdUnreachableError(`failed to reach etcd: ${failures.join('; ')}`, attempt.retried);
  }

  private agentFor(ep: Endpoint): HttpAgent | undefined {
    return this.agents.get(ep.url.origin);
  }

  private async post(ep: Endpoint, path: string, payload: string, timeoutMs: number): Promise<unknown> {
    const mod = ep.secure ? await import('node:https') : await import('node:http');
    let agent = this.agentFor(ep);
    if (!agent) {
      const common = {keepAlive: true, maxSockets: 8};
      agent = ep.secure
        ? new (mod as typeof import('node:https')).Agent({
            ...common,
            ca: this.opts.ca,
            cert: this.opts.cert,
            key: this.opts.key,
            // etcd certificates are often issued for IPs; Node verifies IP SANs itself.
          })
        : new (mod as typeof import('node:http')).Agent(common);
      this.agents.set(ep.url.origin, agent);
    }
    const headers: Record<string, string | number> = {'content-type': 'application/json', 'content-length': Buffer.byteLength(payload)};
    if (this.token) headers.authorization = this.token;
    return new Promise((resolve, reject) => {
      let settled = false;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        fn();
      };
      const req = mod.request(
        {
          host: ep.url.hostname.replace(/^\[|\]$/g, ''),
          port: ep.url.port || (ep.secure ? 443 : 80),
          method: 'POST',
          path: ep.url.pathname.replace(/\/$/, '') + path,
          headers,
          agent,
        },
        (res: IncomingMessage) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', (e) => finish(() => reject(new RequestFailure(e.message, true, true))));
          res.on('end', () =>
            finish(() => {
              const text = Buffer.concat(chunks).toString('utf8');
              let json: any;
              try {
                json = text ? JSON.parse(text) : {};
              } catch {
                if (/CommonName of client sending a request against gateway/.test(text)) {
                  reject(new UnauthorizedError(GATEWAY_CN_REFUSED));
                  return;
                }
                reject(new RequestFailure(`unexpected response (HTTP ${res.statusCode}): ${firstLine(text).slice(0, 200)}`, res.statusCode === 404));
                return;
              }
              if (res.statusCode === 200) resolve(json);
              else reject(gatewayError(res.statusCode ?? 0, json));
            }),
          );
        },
      );
      const timer = setTimeout(() => {
        finish(() => reject(new RequestFailure(`timed out after ${formatSeconds(timeoutMs)}`, true, sent)));
        req.destroy();
      }, timeoutMs);
      // Whether the request reached a connected socket (only then can etcd have applied it).
      let sent = false;
      req.on('socket', (s) => {
        s.unref();
        const connected = () => (sent = true);
        if (!(s as import('node:net').Socket).connecting) sent = true;
        else s.once(ep.secure ? 'secureConnect' : 'connect', connected);
      });
      req.on('error', (e: NodeJS.ErrnoException) =>
        finish(() => reject(new RequestFailure(describeSocketError(e, this.opts), true, sent && !/ECONNREFUSED/.test(e.code ?? '')))),
      );
      req.end(payload);
    });
  }
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/** Server certificates Node could not chain to the configured CA. */
const UNTRUSTED_SERVER_CERT = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
]);

/** One line per failure, naming what to fix; never the key material. */
function describeSocketError(e: NodeJS.ErrnoException, tls: Pick<EtcdClientOptions, 'cert' | 'ca'>): string {
  const code = e.code ?? '';
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `cannot resolve host (${code})`;
  if (code === 'ECONNRESET' || code === 'EPIPE') return `connection reset (is this an https endpoint? ${code})`;
  if (UNTRUSTED_SERVER_CERT.has(code)) {
    return `TLS error: the etcd server's certificate is not signed by a trusted CA (${code}; ${tls.ca ? 'check etcdCACertFile/etcdCACert' : 'no etcd CA configured: set etcdCACertFile or etcdCACert'})`;
  }
  if (code === 'CERT_HAS_EXPIRED') return `TLS error: the etcd server's certificate has expired (${code})`;
  if (code === 'CERT_NOT_YET_VALID') return `TLS error: the etcd server's certificate is not yet valid (${code})`;
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return `TLS error: the etcd server's certificate does not match the endpoint's host (${code})`;
  if (/ALERT_CERTIFICATE_REQUIRED|ALERT_BAD_CERTIFICATE|ALERT_CERTIFICATE_EXPIRED|ALERT_UNKNOWN_CA|ALERT_CERTIFICATE_UNKNOWN|ALERT_UNSUPPORTED_CERTIFICATE/.test(code)) {
    if (!tls.cert) return `TLS error: etcd requires a client certificate and none is configured (set etcdCertFile and etcdKeyFile) (${code})`;
    const expiry = certificateExpiry(tls.cert);
    if (expiry) return `TLS error: etcd rejected the client certificate: it expired on ${expiry} (${code})`;
    return `TLS error: etcd rejected the client certificate (is it issued by a CA etcd trusts, for client authentication?) (${code})`;
  }
  if (/CERT|SELF_SIGNED|TLS|SSL/.test(code)) return `TLS error: ${firstLine(e.message)} (${code})`;
  return firstLine(e.message) || code;
}

/** OpenSSL messages span lines; the user sees one. */
function firstLine(text: string): string {
  return text.split('\n')[0].trim();
}

/** The expiry date of a client certificate that has expired, else undefined. */
function certificateExpiry(cert: string | Buffer): string | undefined {
  try {
    const validTo = new Date(new X509Certificate(cert).validTo);
    return validTo.getTime() < Date.now() ? validTo.toISOString() : undefined;
  } catch {
    return undefined;
  }
}

function gatewayError(status: number, json: {error?: string; message?: string; code?: number}): Error {
  const msg = json.message ?? json.error ?? `HTTP ${status}`;
  // gRPC codes: 16 UNAUTHENTICATED, 7 PERMISSION_DENIED; etcd reports bad credentials as 3 with this text.
  if (json.code === 16 || json.code === 7 || /authentication failed|user name is empty|permission denied|invalid auth token/.test(msg)) {
    return new UnauthorizedError(msg + (AUTH_HINTS.find(([re]) => re.test(msg))?.[1] ?? ''));
  }
  // Transient cluster states: another member (or this one, a moment later) may succeed. The request may
  // have been applied before the error (a proposal whose result was lost).
  if (/leader changed|request timed out|no leader|not capable|too many requests/.test(msg)) return new RequestFailure(msg, true, true);
  if (status === 404) return new RequestFailure(`etcd gateway not found at this endpoint (HTTP 404)`, true);
  if (json.code === 14) return new RequestFailure(msg, true);
  return new DatastoreError(msg);
}

/** etcd's JSON gateway refuses (HTTP 400) client certificates with a CommonName once etcd auth is on. */
const GATEWAY_CN_REFUSED =
  "etcd refuses a client certificate with a CommonName while etcd authentication is enabled (its HTTP gateway, which this calicoctl uses, cannot map the CommonName to a user): use a client certificate without a CommonName together with etcdUsername/etcdPassword";

const AUTH_HINTS: Array<[RegExp, string]> = [
  [/user name is empty/, ' (etcd authentication is enabled: set etcdUsername and etcdPassword)'],
  [/permission denied/, ' (the etcd user needs read and write access to the /calico/ key prefix)'],
];

/** Builds a client from a loaded configuration (etcdv3 only); errors read like calicoctl's client creation. */
export async function createEtcdClient(spec: CalicoAPIConfigSpec, timeoutMs: number): Promise<EtcdClient> {
  if (spec.datastoreType === 'kubernetes') {
    throw new Error(
      'the kubernetes datastore is not supported by this calicoctl, only etcdv3 is: set datastoreType: etcdv3 and etcdEndpoints in the config file, or DATASTORE_TYPE=etcdv3 and ETCD_ENDPOINTS in the environment',
    );
  }
  if (spec.datastoreType !== 'etcdv3') throw new Error(`unknown datastore type: ${spec.datastoreType}`);
  if (spec.etcdEndpoints && spec.etcdDiscoverySrv) {
    throw new Error('multiple discovery or bootstrap options specified, use either "etcdEndpoints" or "etcdDiscoverySrv"');
  }
  let endpoints = spec.etcdEndpoints ? spec.etcdEndpoints.split(',') : [];
  if (spec.etcdDiscoverySrv) endpoints = await discoverSrv(spec.etcdDiscoverySrv, timeoutMs);
  if (endpoints.length === 0) throw new Error('no etcd endpoints specified');

  const haveInline = !!(spec.etcdCert || spec.etcdKey || spec.etcdCACert);
  const haveFiles = !!(spec.etcdCertFile || spec.etcdKeyFile || spec.etcdCACertFile);
  if (haveInline && haveFiles) throw new Error('Cannot mix inline certificate-key and certificate / key files');
  const read = (file: string) => {
    if (!file) return undefined;
    try {
      return readFileSync(file);
    } catch (err) {
      throw new Error(`could not initialize etcdv3 client: open ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (err as Error).message}`);
    }
  };
  const tls = haveInline
    ? {ca: spec.etcdCACert || undefined, cert: spec.etcdCert || undefined, key: spec.etcdKey || undefined}
    : {ca: read(spec.etcdCACertFile), cert: read(spec.etcdCertFile), key: read(spec.etcdKeyFile)};
  if (!!tls.cert !== !!tls.key) throw new Error('could not initialize etcdv3 client: both a client certificate and its key are required');
  const useAuth = !!(spec.etcdUsername && spec.etcdPassword);
  return new EtcdClient({
    endpoints,
    timeoutMs,
    ...tls,
    username: useAuth ? spec.etcdUsername : undefined,
    password: useAuth ? spec.etcdPassword : undefined,
  });
}

/** DNS SRV discovery as etcd clients do it: `_etcd-client-ssl._tcp` (https) then `_etcd-client._tcp` (http). */
async function discoverSrv(domain: string, timeoutMs: number): Promise<string[]> {
  const {Resolver} = await import('node:dns/promises');
  const resolver = new Resolver({timeout: Math.min(timeoutMs, 5000), tries: 2});
  const endpoints: string[] = [];
  const errors: string[] = [];
  for (const [service, scheme] of [
    ['_etcd-client-ssl._tcp', 'https'],
    ['_etcd-client._tcp', 'http'],
  ] as const) {
    try {
      const records = await resolver.resolveSrv(`${service}.${domain}`);
      records.sort((a, b) => a.priority - b.priority || b.weight - a.weight);
      for (const r of records) endpoints.push(`${scheme}://${r.name.replace(/\.$/, '')}:${r.port}`);
    } catch (err) {
      errors.push(`${service}.${domain}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  }
  if (endpoints.length === 0) throw new Error(`failed to discover etcd endpoints through SRV discovery: ${errors.join('; ')}`);
  return endpoints;
}
