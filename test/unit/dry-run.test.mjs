// The dry-run write layer and the unchanged-put filter, over a tiny in-memory stand-in for etcd's client.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {OverlayEtcdClient, UnchangedSkippingClient, sameStoredValue, prefixedOutput, prefixMessage} from '../../dist/lib/resources/dry-run.js';
import {BufferOutput} from '../../dist/lib/io.js';

/** A store with etcd's revision rules, counting the calls that would write. */
function fakeEtcd(initial = {}) {
  let revision = 10;
  const kvs = new Map(Object.entries(initial).map(([key, value]) => [key, {key, value, createRevision: '5', modRevision: '5', version: '1'}]));
  const sorted = (prefix) => [...kvs.values()].filter((kv) => kv.key.startsWith(prefix)).sort((a, b) => (a.key < b.key ? -1 : 1));
  const holds = (c) => {
    const kv = kvs.get(c.key);
    const actual = c.target === 'VERSION' ? kv?.version ?? '0' : c.target === 'MOD' ? kv?.modRevision ?? '0' : kv?.value ?? '';
    return actual === c.value;
  };
  const client = {
    writes: 0,
    timeoutMs: 1000,
    async range(key, opts = {}) {
      if (!opts.prefix) return {kvs: kvs.has(key) ? [kvs.get(key)] : [], revision: String(revision), more: false};
      const all = sorted(key).filter((kv) => !opts.fromKey || kv.key >= opts.fromKey);
      const limit = opts.limit || all.length;
      return {kvs: all.slice(0, limit), revision: String(revision), more: all.length > limit};
    },
    async rangeAll(prefix) {
      return {kvs: sorted(prefix), revision: String(revision), more: false};
    },
    async count(prefix) {
      return sorted(prefix).length;
    },
    async txn(compares, success, failure = []) {
      const ok = compares.every(holds);
      const ops = ok ? success : failure;
      const responses = [];
      if (ops.some((op) => op.put || op.del)) revision++;
      for (const op of ops) {
        if (op.put) {
          client.writes++;
          const prev = kvs.get(op.put.key);
          kvs.set(op.put.key, {key: op.put.key, value: op.put.value, createRevision: prev?.createRevision ?? String(revision), modRevision: String(revision), version: String(Number(prev?.version ?? 0) + 1)});
          responses.push({revision: String(revision)});
        } else if (op.range) responses.push({kvs: kvs.has(op.range.key) ? [kvs.get(op.range.key)] : []});
      }
      return {succeeded: ok, revision: String(revision), responses};
    },
    async bulkTxn(compares, success) {
      return client.txn(compares, success);
    },
    enableBulkMode() {},
    close() {},
  };
  return client;
}

test('overlay: writes stay in memory, later reads see them, compares use them', async () => {
  const real = fakeEtcd({'/a/1': 'one', '/a/3': 'three'});
  const o = new OverlayEtcdClient(real);
  const create = await o.txn([{key: '/a/2', target: 'VERSION', value: '0'}], [{put: {key: '/a/2', value: 'two'}}]);
  assert.equal(create.succeeded, true);
  assert.equal(create.revision, '11');
  const again = await o.txn([{key: '/a/2', target: 'VERSION', value: '0'}], [{put: {key: '/a/2', value: 'x'}}], [{range: {key: '/a/2'}}]);
  assert.equal(again.succeeded, false);
  assert.equal(again.responses[0].kvs[0].value, 'two');
  const update = await o.txn([{key: '/a/2', target: 'MOD', value: '11'}], [{put: {key: '/a/2', value: 'TWO'}}]);
  assert.equal(update.succeeded, true);
  const del = await o.txn([], [{del: {key: '/a/1', prevKv: true}}]);
  assert.deepEqual([del.responses[0].deleted, del.responses[0].prevKvs[0].value], [1, 'one']);
  assert.deepEqual((await o.rangeAll('/a/')).kvs.map((kv) => [kv.key, kv.value, kv.version]), [
    ['/a/2', 'TWO', '2'],
    ['/a/3', 'three', '1'],
  ]);
  assert.equal(await o.count('/a/'), 2);
  const page = await o.range('/a/', {prefix: true, limit: 1, keysOnly: true});
  assert.deepEqual([page.kvs.map((kv) => [kv.key, kv.value]), page.more], [[['/a/2', '']], true]);
  assert.deepEqual((await o.range('/a/', {prefix: true, fromKey: '/a/3'})).kvs.map((kv) => kv.key), ['/a/3']);
  // Pages: keys the layer deleted do not shorten a page; keys it added beyond the page wait for the next.
  await o.txn([], [{put: {key: '/a/9', value: 'nine'}}, {put: {key: '/a/0', value: 'zero'}}, {del: {key: '/a/3'}}]);
  const first = await o.range('/a/', {prefix: true, limit: 2});
  assert.deepEqual([first.kvs.map((kv) => kv.key), first.more], [['/a/0', '/a/2'], true]);
  const rest = await o.range('/a/', {prefix: true, limit: 2, fromKey: '/a/2\u0000'});
  assert.deepEqual([rest.kvs.map((kv) => kv.key), rest.more], [['/a/9'], false]);
  assert.equal(real.writes, 0, 'nothing reached the store');
  assert.equal((await real.range('/a/1')).kvs[0].value, 'one');
});

test('skip-unchanged: equal values (any field order) are left out, guarded by their mod revision', async () => {
  const real = fakeEtcd({'/r/a': '{"x":1,"y":[1,2]}', '/r/b': '{"x":1}'});
  const s = new UnchangedSkippingClient(real);
  const res = await s.bulkTxn(
    [{key: '/r/a', target: 'MOD', value: '5'}, {key: '/r/b', target: 'MOD', value: '5'}],
    [{put: {key: '/r/a', value: '{"y":[1,2],"x":1}'}}, {put: {key: '/r/b', value: '{"x":2}'}}],
  );
  assert.equal(res.succeeded, true);
  assert.deepEqual([real.writes, s.unchanged], [1, 1]);
  assert.equal((await real.range('/r/a')).kvs[0].modRevision, '5');
  // All unchanged: no write at all, still checked.
  const none = await s.txn([{key: '/r/a', target: 'MOD', value: '5'}], [{put: {key: '/r/a', value: '{"x":1,"y":[1,2]}'}}]);
  assert.deepEqual([none.succeeded, real.writes, s.unchanged], [true, 1, 2]);
  // A failed transaction counts nothing.
  const stale = await s.txn([{key: '/r/a', target: 'MOD', value: '4'}], [{put: {key: '/r/a', value: '{"x":1,"y":[1,2]}'}}]);
  assert.deepEqual([stale.succeeded, s.unchanged], [false, 2]);
});

test('sameStoredValue, prefixes', () => {
  assert.equal(sameStoredValue('{"a":{"b":1,"c":2}}', '{"a":{"c":2,"b":1}}'), true);
  assert.equal(sameStoredValue('{"a":[1,2]}', '{"a":[2,1]}'), false);
  assert.equal(sameStoredValue('{"a":1}', '{"a":1,"b":null}'), false);
  const buf = new BufferOutput();
  const out = prefixedOutput(buf, '(dry run) ');
  out.out('one\ntw');
  out.out('o\n');
  out.err('e\n');
  assert.deepEqual([buf.stdout, buf.stderr], ['(dry run) one\n(dry run) two\n', '(dry run) e\n']);
  assert.equal(prefixMessage('a\nb\n', 'P '), 'P a\nP b\n');
});
