// apply/create --atomic against a real etcd: one transaction or nothing; clear errors when the input
// exceeds one transaction; without --atomic calicoctl's per-resource semantics; and in both modes nothing
// is written before all input was read and parsed.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {R, useEtcd} from './datastore-helpers.mjs';

const ctx = useEtcd();

const set = (name, nets = '[10.4.0.0/16]') => `apiVersion: projectcalico.org/v3\nkind: GlobalNetworkSet\nmetadata: {name: ${name}}\nspec: {nets: ${nets}}\n`;
const sets = (prefix, n) => Array.from({length: n}, (_, i) => set(`${prefix}-${i}`)).join('---\n');

async function storedNames(prefix) {
  return (await ctx.list(`${R}globalnetworksets/${prefix}`)).map((kv) => kv.key.slice(`${R}globalnetworksets/`.length));
}

test('apply --atomic writes every resource in one transaction', async () => {
  const input = [
    'apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata: {name: atomic-tier}\nspec: {order: 50}\n',
    'apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata: {name: atomic-tier.p}\nspec: {tier: atomic-tier, selector: all()}\n',
    sets('all', 10),
  ].join('---\n');
  const r = await ctx.cli(['apply', '--atomic', '-f', '-'], {input});
  assert.deepEqual(r, {code: 0, stdout: 'Successfully applied 12 resource(s)\n', stderr: ''});
  const revisions = new Set([
    (await ctx.get(`${R}tiers/atomic-tier`)).modRevision,
    (await ctx.get(`${R}globalnetworkpolicies/atomic-tier.p`)).modRevision,
    ...(await ctx.list(`${R}globalnetworksets/all-`)).map((kv) => kv.modRevision),
  ]);
  assert.equal(revisions.size, 1, 'one etcd revision = one transaction');
  // Applying again updates them all, again at one revision.
  const again = await ctx.cli(['apply', '--atomic', '-f', '-'], {input: sets('all', 10)});
  assert.deepEqual(again, {code: 0, stdout: "Successfully applied 10 'GlobalNetworkSet' resource(s)\n", stderr: ''});
  assert.equal(new Set((await ctx.list(`${R}globalnetworksets/all-`)).map((kv) => kv.modRevision)).size, 1);
});

test('one bad resource means nothing is written, and it is named', async () => {
  const input = [sets('bad', 5), set('bad-x', '[not-a-cidr]'), set('bad-y')].join('---\n');
  const r = await ctx.cli(['apply', '--atomic', '-f', '-'], {input});
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^failed to apply any 'GlobalNetworkSet' resources: \[error with field .*not-a-cidr.*\]\n$/);
  assert.deepEqual(await storedNames('bad'), []);

  assert.equal((await ctx.cli(['create', '-f', '-'], {input: set('exists-1')})).code, 0);
  const c = await ctx.cli(['create', '--atomic', '-f', '-'], {input: [set('exists-0'), set('exists-1'), set('exists-2')].join('---\n')});
  assert.deepEqual(c, {
    code: 1,
    stdout: '',
    stderr: "failed to create any 'GlobalNetworkSet' resources: [resource already exists: GlobalNetworkSet(exists-1) with error: <nil>]\n",
  });
  assert.deepEqual(await storedNames('exists'), ['exists-1']);
  const skip = await ctx.cli(['create', '--atomic', '--skip-exists', '-f', '-'], {input: [set('exists-0'), set('exists-1'), set('exists-2')].join('---\n')});
  assert.deepEqual(skip, {code: 0, stdout: "Successfully created 3 'GlobalNetworkSet' resource(s)\n", stderr: ''});
  assert.deepEqual(await storedNames('exists'), ['exists-0', 'exists-1', 'exists-2']);
});

test('input larger than one transaction: a clear error and nothing written', async () => {
  const many = await ctx.cli(['apply', '--atomic', '-f', '-'], {input: sets('many', 129)});
  assert.deepEqual(many, {
    code: 1,
    stdout: '',
    stderr:
      "failed to apply any 'GlobalNetworkSet' resources: [--atomic: the input needs 129 operations in one etcd transaction, more than this etcd allows (--max-txn-ops, 128 by default): split the input or drop --atomic]\n",
  });
  assert.deepEqual(await storedNames('many'), []);
  // 16 sets of ~130 KiB each: over etcd's 1.5 MiB request limit.
  const nets = `[${Array.from({length: 8000}, (_, i) => `10.${(i >> 8) & 255}.${i & 255}.0/24`).join(', ')}]`;
  const big = await ctx.cli(['apply', '--atomic', '-f', '-'], {input: Array.from({length: 16}, (_, i) => set(`big-${i}`, nets)).join('---\n'), timeoutMs: 60000});
  assert.equal(big.code, 1);
  assert.equal(big.stdout, '');
  assert.match(
    big.stderr,
    /^failed to apply any 'GlobalNetworkSet' resources: \[--atomic: the input \(about \d+ KiB stored\) is larger than one etcd request may be \(--max-request-bytes, 1\.5 MiB by default\): split the input or drop --atomic\]\n$/,
  );
  assert.deepEqual(await storedNames('big'), []);
});

test('without --atomic: per-resource semantics, but still nothing written before all input is parsed', async () => {
  const r = await ctx.cli(['apply', '-f', '-'], {input: [set('each-0'), set('each-1', '[not-a-cidr]'), set('each-2')].join('---\n')});
  assert.equal(r.code, 1);
  assert.equal(r.stdout, "Partial success: applied the first 2 out of 3 'GlobalNetworkSet' resources:\n");
  assert.match(r.stderr, /^hit error\(s\): \[error with field .*not-a-cidr.*\]\n$/);
  assert.deepEqual(await storedNames('each'), ['each-0', 'each-2']);
  for (const args of [['apply'], ['apply', '--atomic'], ['create'], ['create', '--atomic']]) {
    const broken = await ctx.cli([...args, '-f', '-'], {input: `${sets('late', 3)}---\nkind: [unclosed\n`});
    assert.equal(broken.code, 1, args.join(' '));
    assert.deepEqual(await storedNames('late'), [], `${args.join(' ')} wrote before the input was parsed`);
  }
});
