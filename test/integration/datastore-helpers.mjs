// Shared by the datastore/resource-command integration tests: a throwaway etcd per test file, raw key
// access through etcd's JSON gateway (independent of the code under test), temp files.
import {mkdtempSync, writeFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before} from 'node:test';
import {startEtcd} from '../../scripts/lib/etcd-server.mjs';
import {runCli} from '../helpers/cli.mjs';

export const R = '/calico/resources/v3/projectcalico.org/';
const b64 = (s) => Buffer.from(s).toString('base64');
const unb64 = (s) => Buffer.from(s ?? '', 'base64').toString();

function rangeEnd(prefix) {
  const b = Buffer.from(prefix);
  b[b.length - 1] += 1;
  return b.toString('base64');
}

/** Starts etcd before the file's tests and stops it after; returns a context filled in by before(). */
export function useEtcd() {
  const ctx = {endpoint: '', env: {}, dir: '', etcd: undefined};
  before(async () => {
    ctx.etcd = await startEtcd();
    ctx.endpoint = ctx.etcd.endpoint;
    ctx.env = {ETCD_ENDPOINTS: ctx.endpoint};
    ctx.dir = mkdtempSync(join(tmpdir(), 'calicoctl-ds-test-'));
  });
  after(async () => {
    await ctx.etcd?.stop();
    if (ctx.dir) rmSync(ctx.dir, {recursive: true, force: true});
  });
  ctx.cli = (args, opts = {}) => runCli(args, {...opts, env: {...ctx.env, ...(opts.env ?? {})}});
  ctx.file = (name, text) => {
    const p = join(ctx.dir, name);
    writeFileSync(p, text);
    return p;
  };
  ctx.post = async (path, body) => {
    const res = await fetch(ctx.endpoint + path, {method: 'POST', body: JSON.stringify(body)});
    return res.json();
  };
  ctx.get = async (key) => {
    const r = await ctx.post('/v3/kv/range', {key: b64(key)});
    const kv = r.kvs?.[0];
    return kv ? {key, value: unb64(kv.value), modRevision: kv.mod_revision} : undefined;
  };
  ctx.list = async (prefix) => {
    const r = await ctx.post('/v3/kv/range', {key: b64(prefix), range_end: rangeEnd(prefix)});
    return (r.kvs ?? []).map((kv) => ({key: unb64(kv.key), value: unb64(kv.value), modRevision: kv.mod_revision}));
  };
  ctx.put = async (key, value) => ctx.post('/v3/kv/put', {key: b64(key), value: b64(value)});
  ctx.wipe = async () => ctx.post('/v3/kv/deleterange', {key: b64('/'), range_end: b64('0')});
  return ctx;
}

/** Replaces uid and creationTimestamp with the golden examples' placeholders. */
export function normalise(value) {
  return value
    .replace(/"uid":"[0-9a-f-]{36}"/, '"uid":"<UID>"')
    .replace(/"creationTimestamp":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"/, '"creationTimestamp":"<TS>"')
    .replace(/"clusterGUID":"[0-9a-f]{32}"/, '"clusterGUID":"<32 hex>"');
}
