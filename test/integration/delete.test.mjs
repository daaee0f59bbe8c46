// delete by name or file: messages, preconditions and the special delete rules.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {R, useEtcd} from './datastore-helpers.mjs';

const ctx = useEtcd();

async function expect(args, code, stdout, stderr) {
  const r = await ctx.cli(args);
  assert.deepEqual({code: r.code, stdout: r.stdout, stderr: r.stderr}, {code, stdout, stderr}, args.join(' '));
}

const pools = ['a', 'b', 'c'].map((n, i) => `apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata: {name: ${n}}\nspec: {cidr: 10.${i}.0.0/16}\n`);

test('delete by names: the missing one is reported, the others deleted', async () => {
  await expect(['create', '-f', ctx.file('pools.yaml', pools.join('---\n'))], 0, "Successfully created 3 'IPPool' resource(s)\n", '');
  await expect(
    ['delete', 'ippool', 'a', 'blah', 'b'],
    1,
    "Successfully deleted 2 'IPPool' resource(s)\n",
    "Failed to delete 'IPPool' resource: resource does not exist: IPPool(blah) with error: <nil>\n\n",
  );
  await expect(['delete', 'pools', 'blah', '--skip-not-exists'], 0, "Successfully deleted 1 'IPPool' resource(s)\n", '');
  await expect(['delete', 'ippool', 'c'], 0, "Successfully deleted 1 'IPPool' resource(s)\n", '');
  await expect(['delete', 'frobs', 'x'], 1, '', "resource type 'frobs' is not supported\n");
  await expect(['delete', 'ippool', ''], 1, '', 'resource name may not be empty\n');
  await expect(['delete', 'ippool', 'x', '-n', 'ns'], 1, '', "Failed to delete 'IPPool' resource: IPPool is not namespaced\n\n");
});

test('delete -f uses the resourceVersion as a precondition', async () => {
  await ctx.cli(['create', '-f', ctx.file('d.yaml', pools[0])]);
  const rv = (await ctx.get(`${R}ippools/a`)).modRevision;
  const stale = ctx.file('stale.yaml', `apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata: {name: a, resourceVersion: "${Number(rv) - 1}"}\nspec: {cidr: 10.0.0.0/16}\n`);
  await expect(['delete', '-f', stale], 1, '', "Failed to delete 'IPPool' resource: update conflict: IPPool(a)\n\n");
});

test('IPPool delete disables the pool and releases its block affinities', async () => {
  await ctx.put('/calico/ipam/v2/host/node1/ipv4/block/10.0.1.0-26', '{"state":"confirmed","deleted":false}');
  await ctx.put(
    '/calico/ipam/v2/assignment/ipv4/block/10.0.1.0-26',
    '{"cidr":"10.0.1.0/26","affinity":"host:node1","affinity_claim_time":"2025-06-01T12:00:00Z","allocations":[0,null],"unallocated":[1],"attributes":[{"handle_id":"h","secondary":null}],"sequenceNumber":1748779200000000001,"sequenceNumberForAllocation":{"0":1748779200000000000},"deleted":false}',
  );
  await ctx.put('/calico/ipam/v2/host/node1/ipv4/block/10.0.2.0-26', '{"state":"confirmed","deleted":false}');
  await ctx.put('/calico/ipam/v2/assignment/ipv4/block/10.0.2.0-26', '{"cidr":"10.0.2.0/26","affinity":"host:node1","allocations":[null,null],"unallocated":[0,1],"attributes":null,"sequenceNumber":1,"sequenceNumberForAllocation":{},"deleted":false}');
  await expect(['delete', 'ippool', 'a'], 0, "Successfully deleted 1 'IPPool' resource(s)\n", '');
  assert.equal(await ctx.get(`${R}ippools/a`), undefined);
  assert.deepEqual(await ctx.list('/calico/ipam/v2/host/'), []);
  const blocks = await ctx.list('/calico/ipam/v2/assignment/');
  assert.deepEqual(
    blocks.map((b) => b.value),
    [
      '{"cidr":"10.0.1.0/26","affinity":null,"allocations":[0,null],"unallocated":[1],"attributes":[{"handle_id":"h","secondary":null}],"sequenceNumber":1748779200000000001,"sequenceNumberForAllocation":{"0":1748779200000000000},"deleted":false}',
    ],
  );
});

test('Tier, ClusterInformation and default-allow profile rules', async () => {
  await ctx.cli(['apply', '-f', ctx.file('tier.yaml', 'apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata: {name: sec}\nspec: {order: 5}\n---\napiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata: {name: p}\nspec: {tier: sec}\n')]);
  await expect(['delete', 'tier', 'default'], 1, '', "Failed to delete 'Tier' resource: operation Delete is not supported on default: Cannot delete default tier\n\n");
  await expect(['delete', 'tier', 'sec'], 1, '', "Failed to delete 'Tier' resource: operation delete is not supported on sec: Cannot delete a non-empty tier\n\n");
  await expect(['delete', 'gnp', 'p'], 0, "Successfully deleted 1 'GlobalNetworkPolicy' resource(s)\n", '');
  await expect(['delete', 'tier', 'sec'], 0, "Successfully deleted 1 'Tier' resource(s)\n", '');
  await expect(['delete', 'clusterinfo', 'default'], 1, '', "Failed to delete 'ClusterInformation' resource: operation delete is not supported on ClusterInformation\n\n");
  await expect(
    ['delete', 'profile', 'projectcalico-default-allow'],
    1,
    '',
    `Failed to delete 'Profile' resource: operation Delete is not supported on projectcalico-default-allow: The profile "projectcalico-default-allow" is a default provided by Calico and cannot be deleted\n\n`,
  );
});

test('Node delete cascades to its endpoints, peers and per-node configuration', async () => {
  const docs = `apiVersion: projectcalico.org/v3
kind: Node
metadata: {name: n1}
spec: {}
---
apiVersion: projectcalico.org/v3
kind: HostEndpoint
metadata: {name: n1-eth0}
spec: {node: n1, interfaceName: eth0}
---
apiVersion: projectcalico.org/v3
kind: BGPPeer
metadata: {name: n1-peer}
spec: {node: n1, peerIP: 192.0.2.9, asNumber: 65000}
---
apiVersion: projectcalico.org/v3
kind: FelixConfiguration
metadata: {name: node.n1}
spec: {}
---
apiVersion: projectcalico.org/v3
kind: WorkloadEndpoint
metadata: {namespace: ns1}
spec: {node: n1, orchestrator: k8s, pod: p, endpoint: eth0, interfaceName: cali1, ipNetworks: [10.244.97.0/32]}
---
apiVersion: projectcalico.org/v3
kind: HostEndpoint
metadata: {name: other}
spec: {node: n2, interfaceName: eth0}
`;
  const r = await ctx.cli(['apply', '-f', ctx.file('node.yaml', docs)]);
  assert.equal(r.code, 0, r.stderr);
  // The workload's address is allocated in a block affine to the node (shape of G18).
  const nulls = (n) => Array(n).fill(null);
  const ordinals = Array.from({length: 63}, (_, i) => i + 1);
  await ctx.put('/calico/ipam/v2/host/n1/ipv4/block/10.244.97.0-26', '{"state":"confirmed","deleted":false}');
  await ctx.put(
    '/calico/ipam/v2/assignment/ipv4/block/10.244.97.0-26',
    `{"cidr":"10.244.97.0/26","affinity":"host:n1","affinity_claim_time":"2025-06-01T12:00:00Z","allocations":${JSON.stringify([0, ...nulls(63)])},"unallocated":${JSON.stringify(ordinals)},"attributes":[{"handle_id":"k8s-pod-network.abc123","secondary":{"namespace":"ns1","node":"n1","pod":"p","timestamp":"2025-06-01 12:00:01.5 +0000 UTC"}}],"sequenceNumber":1748779200000000001,"sequenceNumberForAllocation":{"0":1748779200000000000},"deleted":false}`,
  );
  await ctx.put('/calico/ipam/v2/handle/k8s-pod-network.abc123', '{"block":{"10.244.97.0/26":1},"deleted":false}');
  await expect(['delete', 'node', 'n1'], 0, "Successfully deleted 1 'Node' resource(s)\n", '');
  // Address released, handle gone, the now empty block and the node's affinity removed.
  assert.deepEqual((await ctx.list('/calico/ipam/v2/')).map((kv) => kv.key).filter((k) => k.includes('10.244.97') || k.includes('abc123')), []);
  const left = (await ctx.list(R)).map((kv) => kv.key.slice(R.length)).filter((k) => !/^(tiers|clusterinformations)\//.test(k));
  assert.deepEqual(left, ['hostendpoints/other']);
});

test('bulk delete: batched, with the same per-resource outcomes', async () => {
  const gnp = (name, extra = '') => `apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata:\n  name: ${name}${extra}\nspec:\n  selector: all()\n`;
  const docs = Array.from({length: 200}, (_, i) => gnp(`del-${i}`));
  const created = await ctx.cli(['create', '-f', ctx.file('bulk.yaml', docs.join('---\n'))]);
  assert.equal(created.stdout, "Successfully created 200 'GlobalNetworkPolicy' resource(s)\n");
  const rv = (await ctx.get(`${R}globalnetworkpolicies/del-5`)).modRevision;
  const toDelete = [...docs, gnp('del-missing'), gnp('del-7', `\n  resourceVersion: "${Number(rv) - 1}"`)];
  // del-7 appears twice: deleted first, then its stale copy reports the missing resource.
  const r = await ctx.cli(['delete', '-f', ctx.file('bulk-del.yaml', toDelete.join('---\n'))]);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, "Successfully deleted 200 'GlobalNetworkPolicy' resource(s)\n");
  assert.equal(
    r.stderr,
    "Failed to delete 'GlobalNetworkPolicy' resource: resource does not exist: GlobalNetworkPolicy(del-missing) with error: <nil>\n" +
      "Failed to delete 'GlobalNetworkPolicy' resource: resource does not exist: GlobalNetworkPolicy(del-7) with error: <nil>\n\n",
  );
  assert.deepEqual(await ctx.list(`${R}globalnetworkpolicies/del-`), []);
});
