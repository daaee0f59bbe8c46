// --dry-run on create/apply/replace/delete/patch/label: the real checks against real etcd, calicoctl's
// messages prefixed with "(dry run) ", and not one write (etcd's revision is the same before and after).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {R, useEtcd} from './datastore-helpers.mjs';

const ctx = useEtcd();
const pool = (name, cidr, extra = '') => `apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata:\n  name: ${name}\nspec:\n  cidr: ${cidr}${extra}\n`;
const gnp = (name, tier = 'default') => `apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata:\n  name: ${name}\nspec:\n  tier: ${tier}\n  selector: all()\n`;
const netset = (name, ns) => `apiVersion: projectcalico.org/v3\nkind: NetworkSet\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  nets: [10.0.0.0/8]\n`;

async function revision() {
  const r = await ctx.post('/v3/kv/range', {key: Buffer.from('/').toString('base64'), limit: 1, keys_only: true});
  return r.header.revision;
}

/** Runs the command and checks its exact output and that etcd did not change. */
async function dry(args, code, stdout, stderr) {
  const before = await revision();
  const r = await ctx.cli([...args, '--dry-run']);
  assert.deepEqual({code: r.code, stdout: r.stdout, stderr: r.stderr}, {code, stdout, stderr}, args.join(' '));
  assert.equal(await revision(), before, `${args.join(' ')} wrote to etcd`);
}

test('setup: one pool and one policy stored for real', async () => {
  const r = await ctx.cli(['create', '-f', ctx.file('base.yaml', pool('p1', '10.1.0.0/16') + '---\n' + gnp('g1'))]);
  assert.equal(r.stdout, 'Successfully created 2 resource(s)\n');
});

test('create --dry-run: new resources succeed, existing ones and overlaps fail as create would', async () => {
  await dry(['create', '-f', ctx.file('new.yaml', pool('p2', '10.2.0.0/16'))], 0, "(dry run) Successfully created 1 'IPPool' resource(s)\n", '');
  await dry(
    ['create', '-f', ctx.file('again.yaml', pool('p1', '10.1.0.0/16'))],
    1,
    '',
    "(dry run) failed to create 'IPPool' resource: [resource already exists: IPPool(p1) with error: <nil>]\n",
  );
  await dry(
    ['create', '-f', ctx.file('overlap.yaml', pool('p3', '10.1.128.0/17'))],
    1,
    '',
    "(dry run) failed to create 'IPPool' resource: [error with field IPPool.Spec.CIDR = '10.1.128.0/17' (IPPool(p3) CIDR overlaps with IPPool(p1) CIDR 10.1.0.0/16)]\n",
  );
  await dry(['create', '-f', ctx.file('skip.yaml', pool('p1', '10.1.0.0/16')), '--skip-exists'], 0, "(dry run) Successfully created 1 'IPPool' resource(s)\n", '');
});

test('dry-run writes are seen by the rest of the same run (a tier, then a policy in it; a duplicate)', async () => {
  const tier = 'apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata:\n  name: t1\nspec:\n  order: 10\n';
  await dry(['create', '-f', ctx.file('tier.yaml', tier + '---\n' + gnp('t1.a', 't1'))], 0, '(dry run) Successfully created 2 resource(s)\n', '');
  await dry(
    ['create', '-f', ctx.file('twice.yaml', pool('p4', '10.4.0.0/16') + '---\n' + pool('p4', '10.4.0.0/16'))],
    1,
    '', // calicoctl prints the partial-success line only when successes outnumber failures
    '(dry run) hit error: [resource already exists: IPPool(p4) with error: <nil>]\n',
  );
  // Without the tier the policy fails, as a real create would.
  await dry(
    ['create', '-f', ctx.file('notier.yaml', gnp('t9.a', 't9'))],
    1,
    '',
    "(dry run) failed to create 'GlobalNetworkPolicy' resource: [resource does not exist: Tier(t9) with error: <nil>]\n",
  );
});

test('apply and replace --dry-run', async () => {
  await dry(['apply', '-f', ctx.file('apply.yaml', pool('p1', '10.1.0.0/16', '\n  natOutgoing: true') + '---\n' + pool('p5', '10.5.0.0/16'))], 0, "(dry run) Successfully applied 2 'IPPool' resource(s)\n", '');
  await dry(
    ['apply', '-f', ctx.file('cidr.yaml', pool('p1', '10.9.0.0/16'))],
    1,
    '',
    "(dry run) failed to apply 'IPPool' resource: [error with field IPPool.Spec.CIDR = '10.9.0.0/16' (IPPool CIDR cannot be modified)]\n",
  );
  await dry(['replace', '-f', ctx.file('rep.yaml', gnp('g1'))], 0, "(dry run) Successfully replaced 1 'GlobalNetworkPolicy' resource(s)\n", '');
  await dry(
    ['replace', '-f', ctx.file('rep2.yaml', gnp('nope'))],
    1,
    "(dry run) Partial success: replaced the first 1 out of 1 'GlobalNetworkPolicy' resources:\n",
    '(dry run) hit error: resource does not exist: GlobalNetworkPolicy(nope) with error: <nil>\n',
  );
});

test('namespace rules and validation are checked', async () => {
  await dry(
    ['apply', '-n', 'other', '-f', ctx.file('ns.yaml', netset('n1', 'ns1'))],
    1,
    '',
    "(dry run) failed to apply 'NetworkSet' resource: [resource namespace does not match client namespace. ns1 != other]\n",
  );
  await dry(
    ['create', '-f', ctx.file('bad.yaml', pool('p6', '10.6.0.0/16', '\n  blockSize: 33'))],
    1,
    '',
    "(dry run) failed to create 'IPPool' resource: [error with field IPPool.Spec.BlockSize = '33' (IPv4 block size must be between 20 and 32)]\n",
  );
});

test('delete --dry-run, including the IPPool and Node cascades', async () => {
  await dry(['delete', 'ippool', 'p1'], 0, "(dry run) Successfully deleted 1 'IPPool' resource(s)\n", '');
  await dry(['delete', 'globalnetworkpolicy', 'g1', 'nope'], 1, "(dry run) Successfully deleted 1 'GlobalNetworkPolicy' resource(s)\n", "(dry run) Failed to delete 'GlobalNetworkPolicy' resource: resource does not exist: GlobalNetworkPolicy(nope) with error: <nil>\n\n");
  const node = 'apiVersion: projectcalico.org/v3\nkind: Node\nmetadata:\n  name: n1\nspec:\n  bgp:\n    ipv4Address: 10.0.0.1/24\n';
  const peer = 'apiVersion: projectcalico.org/v3\nkind: BGPPeer\nmetadata:\n  name: peer1\nspec:\n  node: n1\n  peerIP: 10.0.0.2\n  asNumber: 64512\n';
  assert.equal((await ctx.cli(['create', '-f', ctx.file('node.yaml', node + '---\n' + peer)])).code, 0);
  await dry(['delete', 'node', 'n1'], 0, "(dry run) Successfully deleted 1 'Node' resource(s)\n", '');
  assert.ok(await ctx.get(`${R}bgppeers/peer1`), 'the cascade did not delete the peer');
  assert.ok(await ctx.get(`${R}ippools/p1`), 'the pool is still stored');
  assert.equal(JSON.parse((await ctx.get(`${R}ippools/p1`)).value).spec.disabled, undefined);
});

test('patch and label --dry-run', async () => {
  await dry(['patch', 'ippool', 'p1', '-p', '{"spec":{"disabled":true}}'], 0, "(dry run) Successfully patched 1 'IPPool' resource\n", '');
  await dry(['patch', 'ippool', 'nope', '-p', '{"spec":{}}'], 1, '', '(dry run) hit error: resource does not exist: IPPool(nope) with error: <nil>\n');
  await dry(['label', 'ippool', 'p1', 'team=net'], 0, '(dry run) Successfully set label team on ippool p1\n', '');
  await dry(['label', 'ippool', 'p1', 'team', '--remove'], 1, '', '(dry run) cannot remove label of ippool p1, key team does not exist\n');
});
