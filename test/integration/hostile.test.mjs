// Hostile input through the real CLI: YAML alias bombs, huge and deeply nested documents, invalid UTF-8,
// NUL bytes, names and namespaces with path characters, and a hostile BIRD control socket. Each run must
// end with a clear error (exit 1) or a correct result, within a bound, never with a crash or a stack
// trace; afterwards etcd holds no key outside /calico/.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {runCli} from '../helpers/cli.mjs';
import {fakeProcTree} from '../helpers/bird.mjs';
import {R, useEtcd} from './datastore-helpers.mjs';

const ctx = useEtcd();
const HEAD = 'apiVersion: projectcalico.org/v3\nkind: GlobalNetworkSet\n';

/** No stack traces, no Node internals: a one-line (or calicoctl-shaped) message. */
function assertCleanFailure(r, what) {
  assert.equal(r.code, 1, `${what}: exit code (stderr: ${r.stderr.slice(0, 300)})`);
  assert.doesNotMatch(r.stdout + r.stderr, /\n\s+at |node:internal|RangeError|TypeError|Maximum call stack/, what);
  assert.ok(r.stdout.length + r.stderr.length < 4096, `${what}: message is short`);
}

test('YAML alias bombs, deep nesting, NUL bytes and invalid UTF-8 are refused while parsing', async () => {
  const level = (i) => String.fromCharCode(97 + i);
  const bomb = [`${level(0)}: &${level(0)} [x, x, x, x, x, x, x, x, x]`];
  for (let i = 1; i < 12; i++) bomb.push(`${level(i)}: &${level(i)} [${Array(9).fill(`*${level(i - 1)}`).join(', ')}]`);
  const cases = {
    'alias bomb': bomb.join('\n') + '\n',
    'alias bomb in spec': `${HEAD}metadata: {name: bomb}\nspec:\n  x: ${bomb.join('\n  ').replace(/^a: /, '')}\n`,
    'deep flow nesting': `${HEAD}metadata: {name: deep}\nspec: {nets: ${'['.repeat(100000)}${']'.repeat(100000)}}\n`,
    'deep JSON nesting': `{"apiVersion":"projectcalico.org/v3","kind":"GlobalNetworkSet","metadata":{"name":"dj"},"spec":${'{"a":'.repeat(100000)}1${'}'.repeat(100000)}}`,
    'NUL byte': `${HEAD}metadata: {name: "n\0ul"}\nspec: {nets: [1.2.3.4/32]}\n`,
    'invalid UTF-8': Buffer.concat([Buffer.from(`${HEAD}metadata: {name: u`), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('}\nspec: {}\n')]),
    'binary junk': Buffer.from(Array.from({length: 65536}, (_, i) => (i * 7919) % 256)),
  };
  for (const [what, input] of Object.entries(cases)) {
    const start = Date.now();
    const r = await ctx.cli(['apply', '-f', '-'], {input, timeoutMs: 20000});
    assertCleanFailure(r, what);
    assert.ok(Date.now() - start < 10000, `${what} took ${Date.now() - start} ms`);
  }
  assert.deepEqual(await ctx.list(`${R}globalnetworksets/`), []);
});

test('a huge document is handled within bounds', async () => {
  // ~10 MiB: 400k addresses in one set; either stored correctly or refused clearly.
  const nets = Array.from({length: 400000}, (_, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}/32`);
  const r = await ctx.cli(['apply', '-f', '-'], {input: `${HEAD}metadata: {name: huge}\nspec:\n  nets:\n${nets.map((n) => `  - ${n}\n`).join('')}`, timeoutMs: 60000});
  if (r.code === 0) {
    assert.equal(r.stdout, "Successfully applied 1 'GlobalNetworkSet' resource(s)\n");
    assert.equal(JSON.parse((await ctx.get(`${R}globalnetworksets/huge`)).value).spec.nets.length, nets.length);
  } else assertCleanFailure(r, 'huge document');
});

test('names and namespaces with path characters never address a key outside their place', async () => {
  const hostile = ['../../../../x', 'a/b', '%2f..%2fx', '..', '.', '/calico', 'x\\y', 'a\u2215b'];
  const docs = hostile.flatMap((name) => [
    `${HEAD}metadata: {name: ${JSON.stringify(name)}}\nspec: {nets: [10.9.0.0/16]}\n`,
    `apiVersion: projectcalico.org/v3\nkind: NetworkSet\nmetadata: {name: x, namespace: ${JSON.stringify(name)}}\nspec: {nets: [10.9.0.0/16]}\n`,
  ]);
  // One apply of all of them: each is refused on its own.
  const applied = await ctx.cli(['apply', '-f', '-'], {input: docs.join('---\n')});
  assertCleanFailure(applied, 'apply');
  assert.match(applied.stderr, /^failed to apply any resources: \[/);
  const runs = hostile.flatMap((name) => [
    ['delete', 'globalnetworkset', name],
    ['get', 'globalnetworkset', name],
    ['label', 'globalnetworkset', name, 'a=b'],
    ['patch', 'globalnetworkset', name, '-p', '{"spec":{}}'],
    ['delete', 'networkset', 'x', '-n', name],
  ]);
  for (let i = 0; i < runs.length; i += 8) {
    const batch = runs.slice(i, i + 8);
    (await Promise.all(batch.map((args) => ctx.cli(args)))).forEach((r, j) => assertCleanFailure(r, batch[j].join(' ')));
  }
  // Nothing outside the Calico prefix, and no resource key with an extra path segment.
  const all = await ctx.list('\0');
  assert.deepEqual(all.filter((kv) => !kv.key.startsWith('/calico/')).map((kv) => kv.key), []);
  const resourceKeys = all.filter((kv) => kv.key.startsWith(R)).map((kv) => kv.key.slice(R.length));
  assert.deepEqual(resourceKeys.filter((k) => /\.\.|%2f|\\/.test(k)), []);
});

// A fake BIRD control socket that misbehaves after a proper greeting.
let dir;
const servers = [];
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'calicoctl-hostile-bird-'));
});
const openSockets = new Set();
after(() => {
  // Close never waits for connections a hostile server keeps pumping into.
  for (const sock of openSockets) sock.destroy();
  for (const s of servers) s.close();
  if (dir) rmSync(dir, {recursive: true, force: true});
});

function hostileBird(name, behave) {
  const path = join(dir, `${name}.ctl`);
  const server = createServer((sock) => {
    openSockets.add(sock);
    sock.on('close', () => openSockets.delete(sock));
    sock.on('error', () => {});
    behave(sock);
  });
  servers.push(server);
  return new Promise((resolve) => server.listen(path, () => resolve(path)));
}

/** Writes as fast as the socket drains until it closes (an endless reply). */
function flood(sock, chunk) {
  const pump = () => {
    while (!sock.destroyed && sock.write(chunk));
    if (!sock.destroyed) sock.once('drain', pump);
  };
  pump();
}

test('a hostile BIRD socket for node status: clear error, bounded time and memory', async () => {
  const behaviours = {
    'endless reply': (s) => {
      s.write('0001 BIRD 1.6.8 ready.\n');
      flood(s, '1002-bgp1     BGP      master   up     12:00:00    Established\n'.repeat(256));
    },
    'oversized line': (s) => {
      s.write('0001 BIRD 1.6.8 ready.\n1002-');
      flood(s, 'x'.repeat(65536));
    },
    'malformed reply': (s) => s.write('0001 BIRD 1.6.8 ready.\n\u0000\u0001garbage without a code\n'),
    'silent after greeting': (s) => s.write('0001 BIRD 1.6.8 ready.\n'),
    'closes at once': (s) => s.end(),
  };
  const proc = fakeProcTree(dir, [['calico-felix'], ['bird', '-R', '-s', '/var/run/calico/bird.ctl']]);
  for (const [what, behave] of Object.entries(behaviours)) {
    const socket = await hostileBird(what.replace(/ /g, '-'), behave);
    const start = Date.now();
    const r = await runCli(['node', 'status'], {
      env: {CALICOCTL_ASSUME_ROOT: '1', CALICOCTL_PROC_ROOT: proc, CALICO_BIRD_SOCKET: socket},
      timeoutMs: 30000,
    });
    const ms = Date.now() - start;
    assertCleanFailure(r, what);
    assert.match(r.stderr, /^error executing command: /, what);
    assert.ok(ms < 15000, `${what} took ${ms} ms`);
  }
});

test('hostile label arguments are validated before they are stored', async () => {
  assert.equal((await ctx.cli(['apply', '-f', '-'], {input: `${HEAD}metadata: {name: lbl}\nspec: {nets: [10.8.0.0/16]}\n`})).code, 0);
  const bad = ['=v', '!!bad key=v', 'a/b/c=v', `${'x'.repeat(400)}=v`, 'k=bad value!', `k=${'v'.repeat(100)}`, 'k=../..', '%2f=v'];
  const runs = await Promise.all(bad.map((l) => ctx.cli(['label', 'globalnetworkset', 'lbl', l])));
  runs.forEach((r, i) => assert.deepEqual(r, {code: 1, stdout: '', stderr: 'failed to update globalnetworkset lbl, label not changed\n'}, bad[i]));
  assert.deepEqual((await ctx.cli(['label', 'globalnetworkset', 'lbl', 'example.com/team=net-ops'])).code, 0);
  assert.deepEqual(JSON.parse((await ctx.get(`${R}globalnetworksets/lbl`)).value).metadata.labels, {'example.com/team': 'net-ops'});
});
