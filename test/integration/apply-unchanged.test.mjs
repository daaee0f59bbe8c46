// apply --skip-unchanged: a resource stored exactly as it would be written is not rewritten (no new
// resourceVersion, no watch event); the summary counts it. Without the flag, apply is calicoctl's.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {R, useEtcd} from './datastore-helpers.mjs';

const ctx = useEtcd();
const gnp = (name, order = 10) => `apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata:\n  name: ${name}\nspec:\n  order: ${order}\n  selector: all()\n`;
const many = (n, changed = -1) => Array.from({length: n}, (_, i) => gnp(`g${i}`, i === changed ? 99 : 10)).join('---\n');

async function revision() {
  const r = await ctx.post('/v3/kv/range', {key: Buffer.from('/').toString('base64'), limit: 1, keys_only: true});
  return r.header.revision;
}

test('unchanged resources are not rewritten; changed ones are; the count says which', async () => {
  const file = ctx.file('three.yaml', many(3));
  let r = await ctx.cli(['apply', '-f', file, '--skip-unchanged']);
  assert.deepEqual([r.code, r.stdout, r.stderr], [0, "Successfully applied 3 'GlobalNetworkPolicy' resource(s) (0 unchanged)\n", '']);
  const before = await revision();
  const rv1 = (await ctx.get(`${R}globalnetworkpolicies/g1`)).modRevision;
  r = await ctx.cli(['apply', '-f', file, '--skip-unchanged']);
  assert.deepEqual([r.code, r.stdout, r.stderr], [0, "Successfully applied 3 'GlobalNetworkPolicy' resource(s) (3 unchanged)\n", '']);
  assert.equal(await revision(), before, 'nothing was written');

  r = await ctx.cli(['apply', '-f', ctx.file('changed.yaml', many(3, 1)), '--skip-unchanged']);
  assert.deepEqual([r.code, r.stdout], [0, "Successfully applied 3 'GlobalNetworkPolicy' resource(s) (2 unchanged)\n"]);
  assert.notEqual((await ctx.get(`${R}globalnetworkpolicies/g1`)).modRevision, rv1);
  assert.equal(JSON.parse((await ctx.get(`${R}globalnetworkpolicies/g1`)).value).spec.order, 99);
});

test('without the flag apply rewrites and prints exactly what calicoctl prints', async () => {
  const before = await revision();
  const r = await ctx.cli(['apply', '-f', ctx.file('plain.yaml', many(3, 1))]);
  assert.deepEqual([r.code, r.stdout, r.stderr], [0, "Successfully applied 3 'GlobalNetworkPolicy' resource(s)\n", '']);
  assert.notEqual(await revision(), before);
});

test('defaults the input leaves out, and a stored value in another field order, still count as unchanged', async () => {
  const pool = 'apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata:\n  name: p1\nspec:\n  cidr: 10.1.0.0/16\n';
  await ctx.cli(['apply', '-f', ctx.file('pool.yaml', pool)]);
  const stored = await ctx.get(`${R}ippools/p1`);
  // Rewrite the same object with its keys in reverse order, as another writer might.
  const reorder = (v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reorder(x)])) : v);
  await ctx.put(`${R}ippools/p1`, JSON.stringify(reorder(JSON.parse(stored.value))));
  const before = await revision();
  const r = await ctx.cli(['apply', '-f', ctx.file('pool2.yaml', pool), '--skip-unchanged']);
  assert.deepEqual([r.code, r.stdout, r.stderr], [0, "Successfully applied 1 'IPPool' resource(s) (1 unchanged)\n", '']);
  assert.equal(await revision(), before);
});

test('bulk apply (batched transactions) skips the unchanged ones too; with --dry-run nothing is written', async () => {
  await ctx.cli(['apply', '-f', ctx.file('bulk.yaml', many(20))]);
  const before = await revision();
  let r = await ctx.cli(['apply', '-f', ctx.file('bulk2.yaml', many(20, 7)), '--skip-unchanged', '--dry-run']);
  assert.deepEqual([r.code, r.stdout, r.stderr], [0, "(dry run) Successfully applied 20 'GlobalNetworkPolicy' resource(s) (19 unchanged)\n", '']);
  assert.equal(await revision(), before);
  r = await ctx.cli(['apply', '-f', ctx.file('bulk2.yaml', many(20, 7)), '--skip-unchanged']);
  assert.deepEqual([r.code, r.stdout, r.stderr], [0, "Successfully applied 20 'GlobalNetworkPolicy' resource(s) (19 unchanged)\n", '']);
  assert.equal(Number(await revision()), Number(before) + 1, 'one write: the changed policy');
});
