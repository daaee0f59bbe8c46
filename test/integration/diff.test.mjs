// calicoctl diff against real etcd: additions, no-ops, changes after the write defaults, errors, colour,
// kubectl's exit codes (0 same, 1 different, 2 error) and no writes.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {useEtcd} from './datastore-helpers.mjs';

const ctx = useEtcd();
const pool = (extra = '') => `apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata:\n  name: p1\nspec:\n  cidr: 10.1.0.0/16${extra}\n`;
const netset = `apiVersion: projectcalico.org/v3\nkind: NetworkSet\nmetadata:\n  name: n1\n  namespace: ns1\nspec:\n  nets: [10.0.0.0/8]\n`;

async function revision() {
  const r = await ctx.post('/v3/kv/range', {key: Buffer.from('/').toString('base64'), limit: 1, keys_only: true});
  return r.header.revision;
}

async function expect(args, code, stdout, stderr = '', opts = {}) {
  const r = await ctx.cli(args, opts);
  assert.deepEqual({code: r.code, stdout: r.stdout, stderr: r.stderr}, {code, stdout, stderr}, args.join(' '));
}

const POOL_YAML = [
  'apiVersion: projectcalico.org/v3',
  'kind: IPPool',
  'metadata:',
  '  name: p1',
  'spec:',
  '  allowedUses:',
  '  - Workload',
  '  - Tunnel',
  '  assignmentMode: Automatic',
  '  blockSize: 26',
  '  cidr: 10.1.0.0/16',
  '  ipipMode: Never',
  '  nodeSelector: all()',
  '  vxlanMode: Never',
];

test('absent resources are additions (with the defaults a write adds); nothing is written', async () => {
  const file = ctx.file('pool.yaml', pool() + '---\n' + netset);
  const before = await revision();
  await expect(
    ['diff', '-f', file],
    1,
    `--- /dev/null\n+++ IPPool(p1)\t${file}:1\n@@ -0,0 +1,14 @@\n` +
      POOL_YAML.map((l) => `+${l}\n`).join('') +
      `--- /dev/null\n+++ NetworkSet(ns1/n1)\t${file}:8\n@@ -0,0 +1,8 @@\n` +
      '+apiVersion: projectcalico.org/v3\n+kind: NetworkSet\n+metadata:\n+  name: n1\n+  namespace: ns1\n+spec:\n+  nets:\n+  - 10.0.0.0/8\n',
  );
  assert.equal(await revision(), before);
});

test('after apply, the same input shows nothing and exits 0; a change shows one hunk and exits 1', async () => {
  const file = ctx.file('pool.yaml', pool());
  assert.equal((await ctx.cli(['apply', '-f', file])).code, 0);
  await expect(['diff', '-f', file], 0, '');
  const changed = ctx.file('pool2.yaml', pool('\n  natOutgoing: true\n  blockSize: 26'));
  await expect(
    ['diff', '-f', changed],
    1,
    `--- IPPool(p1)\tlive\n+++ IPPool(p1)\t${changed}:1\n@@ -10,5 +10,6 @@\n   blockSize: 26\n   cidr: 10.1.0.0/16\n   ipipMode: Never\n+  natOutgoing: true\n   nodeSelector: all()\n   vxlanMode: Never\n`,
  );
  // Labels are the input's, as apply would make them.
  const labelled = ctx.file('pool3.yaml', pool().replace('  name: p1\n', '  name: p1\n  labels:\n    team: net\n'));
  await expect(
    ['diff', '-f', labelled],
    1,
    `--- IPPool(p1)\tlive\n+++ IPPool(p1)\t${labelled}:1\n@@ -1,6 +1,8 @@\n apiVersion: projectcalico.org/v3\n kind: IPPool\n metadata:\n+  labels:\n+    team: net\n   name: p1\n spec:\n   allowedUses:\n`,
  );
});

test('colour only when asked for or on a terminal', async () => {
  const file = ctx.file('c.yaml', pool('\n  natOutgoing: true'));
  const plain = await ctx.cli(['diff', '-f', file]);
  assert.doesNotMatch(plain.stdout, /\u001b\[/);
  const coloured = await ctx.cli(['diff', '-f', file], {env: {FORCE_COLOR: '1'}});
  assert.equal(coloured.code, 1);
  assert.match(coloured.stdout, /\u001b\[32m\+  natOutgoing: true\u001b\[39m/);
  assert.equal(coloured.stdout.replace(/\u001b\[[0-9;]*m/g, ''), plain.stdout);
});

test('errors exit 2: a write the datastore would refuse, an unknown field, a missing config file', async () => {
  const file = ctx.file('bad.yaml', pool().replace('10.1.0.0/16', '10.9.0.0/16'));
  await expect(
    ['diff', '-f', file],
    2,
    '',
    "Failed to diff 'IPPool' resource: error with field IPPool.Spec.CIDR = '10.9.0.0/16' (IPPool CIDR cannot be modified)\n",
  );
  const unknown = ctx.file('unknown.yaml', pool('\n  bogus: 1'));
  const r = await ctx.cli(['diff', '-f', unknown]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /bogus/);
  const noConfig = await ctx.cli(['diff', '-f', file, '-c', '/nonexistent/calicoctl.cfg']);
  assert.equal(noConfig.code, 2);
  assert.equal(noConfig.stdout + noConfig.stderr, 'Error reading config file: /nonexistent/calicoctl.cfg\n');
});
