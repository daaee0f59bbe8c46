// patch (merge patch) and label.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {R, useEtcd} from './datastore-helpers.mjs';

const ctx = useEtcd();

async function expect(args, code, stdout, stderr) {
  const r = await ctx.cli(args);
  assert.deepEqual({code: r.code, stdout: r.stdout, stderr: r.stderr}, {code, stdout, stderr}, args.join(' '));
}

test('patch merges, keeps metadata and reports errors', async () => {
  await ctx.cli(['create', '-f', ctx.file('n.yaml', 'apiVersion: projectcalico.org/v3\nkind: Node\nmetadata: {name: node1, labels: {a: b}}\nspec:\n  bgp: {ipv4Address: 10.0.0.1/24}\n')]);
  const before = JSON.parse((await ctx.get(`${R}nodes/node1`)).value);
  await expect(['patch', 'node', 'node1', '-p', '{"spec":{"bgp":{"routeReflectorClusterID":"224.0.0.1"}}}'], 0, "Successfully patched 1 'Node' resource\n", '');
  const after = JSON.parse((await ctx.get(`${R}nodes/node1`)).value);
  assert.deepEqual(after.spec.bgp, {ipv4Address: '10.0.0.1/24', routeReflectorClusterID: '224.0.0.1'});
  assert.equal(after.metadata.uid, before.metadata.uid);
  assert.deepEqual(after.metadata.labels, {a: 'b'});
  await expect(['patch', 'node', 'node1', '-p', '{"spec":{"bgp":{"routeReflectorClusterID":null}}}'], 0, "Successfully patched 1 'Node' resource\n", '');
  assert.deepEqual(JSON.parse((await ctx.get(`${R}nodes/node1`)).value).spec.bgp, {ipv4Address: '10.0.0.1/24'});
  await expect(['patch', 'node', 'nope', '-p', '{}'], 1, '', 'hit error: resource does not exist: Node(nope) with error: <nil>\n');
  await expect(['patch', 'node', 'node1', '-p', '{"spec":{"http":1}}'], 1, '', 'field in document is not recognized or is in the wrong location: http\n');
  await expect(['patch', 'nodez', 'node1', '-p', '{}'], 1, '', "resource type 'nodez' is not supported\n");
  const bad = await ctx.cli(['patch', 'node', 'node1', '-p', '{nope']);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /^hit error: performing strategic merge patch: /);
});

test('label set / update / remove and its errors', async () => {
  await expect(['label', 'nodes', 'node1', 'env=prod'], 0, 'Successfully set label env on nodes node1\n', '');
  await expect(['label', 'nodes', 'node1', 'env=prod'], 0, 'Successfully updated label env on nodes node1\n', '');
  await expect(
    ['label', 'nodes', 'node1', 'env=dev'],
    1,
    '',
    "failed to update label of nodes node1, key env is already present. please use '--overwrite' to set a new value\n",
  );
  await expect(['label', 'nodes', 'node1', 'env=dev', '--overwrite'], 0, 'Successfully updated label env on nodes node1\n', '');
  assert.equal(JSON.parse((await ctx.get(`${R}nodes/node1`)).value).metadata.labels.env, 'dev');
  await expect(['label', 'nodes', 'node1', 'env', '--remove'], 0, 'Successfully removed label env from nodes node1\n', '');
  await expect(['label', 'nodes', 'node1', 'env', '--remove'], 1, '', 'cannot remove label of nodes node1, key env does not exist\n');
  await expect(['label', 'nodes', 'node1', 'a=b=c'], 1, '', 'invalid label a=b=c\n');
  await expect(['label', 'nodes', 'ghost', 'a=b'], 1, '', 'nodes ghost not found\n');
  await expect(['label', 'nodes', 'node1', 'a=b', '-n', 'x'], 1, '', 'nodes node1 not found\n');
  await expect(['label', 'thing', 'node1', 'a=b'], 1, '', "failed to get thing node1, error resource type 'thing' is not supported\n");
});

test('ClusterInformation cannot be patched or labelled', async () => {
  await expect(
    ['patch', 'clusterinfo', 'default', '-p', '{"spec":{"datastoreReady":false}}'],
    1,
    '',
    'hit error: updating existing resource: operation apply or replace is not supported on ClusterInformation\n',
  );
  await expect(['label', 'clusterinfo', 'default', 'a=b'], 1, '', 'failed to update clusterinfo default, label not changed\n');
  assert.equal(JSON.parse((await ctx.get(`${R}clusterinformations/default`)).value).spec.datastoreReady, true);
});
