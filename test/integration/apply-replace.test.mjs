// apply and replace: create-or-update, metadata merge, resourceVersion conflicts, bulk batching.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {R, useEtcd} from './datastore-helpers.mjs';

const ctx = useEtcd();
const gnp = (name, extra = '', order = 10) =>
  `apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata:\n  name: ${name}${extra}\nspec:\n  order: ${order}\n  selector: all()\n`;

async function expect(args, code, stdout, stderr) {
  const r = await ctx.cli(args);
  assert.deepEqual({code: r.code, stdout: r.stdout, stderr: r.stderr}, {code, stdout, stderr}, args.join(' '));
}

test('apply creates, then updates keeping uid/creationTimestamp and taking labels from the file', async () => {
  await expect(['apply', '-f', ctx.file('a.yaml', gnp('a', '\n  labels: {x: "1"}'))], 0, "Successfully applied 1 'GlobalNetworkPolicy' resource(s)\n", '');
  const first = JSON.parse((await ctx.get(`${R}globalnetworkpolicies/a`)).value);
  await expect(['apply', '-f', ctx.file('a2.yaml', gnp('a', '\n  labels: {z: "2"}', 20))], 0, "Successfully applied 1 'GlobalNetworkPolicy' resource(s)\n", '');
  const second = JSON.parse((await ctx.get(`${R}globalnetworkpolicies/a`)).value);
  assert.equal(second.metadata.uid, first.metadata.uid);
  assert.equal(second.metadata.creationTimestamp, first.metadata.creationTimestamp);
  assert.deepEqual(second.metadata.labels, {'projectcalico.org/tier': 'default', z: '2'});
  assert.equal(second.spec.order, 20);
});

test('apply reads stdin with -f -', async () => {
  const r = await ctx.cli(['apply', '-f', '-'], {input: gnp('from-stdin')});
  assert.equal(r.stdout, "Successfully applied 1 'GlobalNetworkPolicy' resource(s)\n", r.stderr);
  assert.ok(await ctx.get(`${R}globalnetworkpolicies/from-stdin`));
});

test('replace refuses ClusterInformation (and, like every replace failure, reports a partial success)', async () => {
  await expect(
    ['replace', '-f', ctx.file('ci2.yaml', 'apiVersion: projectcalico.org/v3\nkind: ClusterInformation\nmetadata: {name: default}\nspec: {}\n')],
    1,
    "Partial success: replaced the first 1 out of 1 'ClusterInformation' resources:\n",
    'hit error: operation apply or replace is not supported on ClusterInformation\n',
  );
});

test('apply refuses ClusterInformation', async () => {
  await expect(
    ['apply', '-f', ctx.file('ci.yaml', 'apiVersion: projectcalico.org/v3\nkind: ClusterInformation\nmetadata: {name: default}\nspec: {}\n')],
    1,
    '',
    "failed to apply 'ClusterInformation' resource: [operation apply is not supported on ClusterInformation: resource is readonly]\n",
  );
});

test('replace: missing resource, stale resourceVersion, success', async () => {
  await expect(
    ['replace', '-f', ctx.file('nope.yaml', gnp('nope'))],
    1,
    "Partial success: replaced the first 1 out of 1 'GlobalNetworkPolicy' resources:\n",
    'hit error: resource does not exist: GlobalNetworkPolicy(nope) with error: <nil>\n',
  );
  const rv = (await ctx.get(`${R}globalnetworkpolicies/a`)).modRevision;
  await expect(['replace', '-f', ctx.file('ok.yaml', gnp('a', `\n  resourceVersion: "${rv}"`, 30))], 0, "Successfully replaced 1 'GlobalNetworkPolicy' resource(s)\n", '');
  await expect(
    ['replace', '-f', ctx.file('stale.yaml', gnp('a', `\n  resourceVersion: "${rv}"`, 40))],
    1,
    "Partial success: replaced the first 1 out of 1 'GlobalNetworkPolicy' resources:\n",
    'hit error: update conflict: GlobalNetworkPolicy(a)\n',
  );
  await expect(['replace', '-f', ctx.file('norv.yaml', gnp('a', '', 50))], 0, "Successfully replaced 1 'GlobalNetworkPolicy' resource(s)\n", '');
  assert.equal(JSON.parse((await ctx.get(`${R}globalnetworkpolicies/a`)).value).spec.order, 50);
});

test('bulk apply: batched writes give the same per-resource outcomes and messages', async () => {
  const docs = [];
  for (let i = 0; i < 300; i++) docs.push(gnp(`bulk-${i}`));
  // an invalid one, an existing one with a stale resourceVersion, and a duplicate key
  docs.push(gnp('bulk-bad', '', '"x"'));
  docs.push(gnp('a', '\n  resourceVersion: "1"'));
  docs.push(gnp('bulk-7', '', 77));
  const f = ctx.file('bulk.yaml', docs.join('---\n'));
  const r = await ctx.cli(['apply', '-f', f]);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, "Partial success: applied the first 301 out of 303 'GlobalNetworkPolicy' resources:\n");
  assert.match(r.stderr, /^hit error\(s\): \[error with field .*order.* update conflict: GlobalNetworkPolicy\(a\)\]\n$/);
  const stored = await ctx.list(`${R}globalnetworkpolicies/bulk-`);
  assert.equal(stored.length, 300);
  assert.equal(JSON.parse(stored.find((kv) => kv.key.endsWith('/bulk-7')).value).spec.order, 77);
  // Re-applying updates every one of them.
  const again = await ctx.cli(['apply', '-f', ctx.file('bulk2.yaml', docs.slice(0, 300).join('---\n'))]);
  assert.equal(again.stdout, "Successfully applied 300 'GlobalNetworkPolicy' resource(s)\n");
  const replaced = await ctx.cli(['replace', '-f', ctx.file('bulk3.yaml', docs.slice(0, 300).join('---\n'))]);
  assert.equal(replaced.stdout, "Successfully replaced 300 'GlobalNetworkPolicy' resource(s)\n");
  const created = await ctx.cli(['create', '-f', ctx.file('bulk4.yaml', docs.slice(0, 300).join('---\n')), '--skip-exists']);
  assert.equal(created.stdout, "Successfully created 300 'GlobalNetworkPolicy' resource(s)\n");
});
