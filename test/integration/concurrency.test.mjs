// Concurrency against a real etcd: many CLI processes at once. Compare-and-swap on resourceVersion means
// exactly one stale replace wins; label/patch never lose an update silently; different resources all land.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {R, useEtcd} from './datastore-helpers.mjs';

const ctx = useEtcd();
// CONCURRENCY_PARALLEL reruns the scenarios with more (or fewer) processes at once.
const PARALLEL = Number(process.env.CONCURRENCY_PARALLEL ?? 8);

const set = (name, extra = '') =>
  `apiVersion: projectcalico.org/v3\nkind: GlobalNetworkSet\nmetadata: {name: ${name}${extra}}\nspec: {nets: [10.3.0.0/16]}\n`;

test('concurrent replaces with the same stale resourceVersion: exactly one wins', async () => {
  assert.equal((await ctx.cli(['create', '-f', '-'], {input: set('contended')})).code, 0);
  const rv = (await ctx.get(`${R}globalnetworksets/contended`)).modRevision;
  const runs = await Promise.all(
    Array.from({length: PARALLEL}, (_, i) =>
      ctx.cli(['replace', '-f', '-'], {input: set('contended', `, resourceVersion: '${rv}', labels: {writer: w${i}}`)}),
    ),
  );
  const winners = runs.filter((r) => r.code === 0);
  assert.equal(winners.length, 1, runs.map((r) => r.stderr).join(''));
  assert.deepEqual(winners[0], {code: 0, stdout: "Successfully replaced 1 'GlobalNetworkSet' resource(s)\n", stderr: ''});
  for (const r of runs.filter((x) => x.code !== 0)) {
    // calicoctl counts a failed replace as handled, hence its odd "Partial success" line.
    assert.deepEqual(r, {
      code: 1,
      stdout: "Partial success: replaced the first 1 out of 1 'GlobalNetworkSet' resources:\n",
      stderr: 'hit error: update conflict: GlobalNetworkSet(contended)\n',
    });
  }
  const stored = JSON.parse((await ctx.get(`${R}globalnetworksets/contended`)).value);
  const winner = runs.findIndex((r) => r.code === 0);
  assert.deepEqual(stored.metadata.labels, {writer: `w${winner}`});
});

test('concurrent label and patch on one resource: no update is silently lost', async () => {
  assert.equal((await ctx.cli(['create', '-f', '-'], {input: set('shared')})).code, 0);
  const labels = Array.from({length: PARALLEL}, (_, i) => ctx.cli(['label', 'globalnetworkset', 'shared', `l${i}=v${i}`]));
  const patches = Array.from({length: PARALLEL}, (_, i) =>
    ctx.cli(['patch', 'globalnetworkset', 'shared', '-p', JSON.stringify({metadata: {labels: {[`p${i}`]: `v${i}`}}})]),
  );
  const [labelRuns, patchRuns] = await Promise.all([Promise.all(labels), Promise.all(patches)]);
  const stored = JSON.parse((await ctx.get(`${R}globalnetworksets/shared`)).value).metadata.labels ?? {};
  labelRuns.forEach((r, i) => {
    if (r.code === 0) {
      assert.deepEqual(r, {code: 0, stdout: `Successfully set label l${i} on globalnetworkset shared\n`, stderr: ''});
      assert.equal(stored[`l${i}`], `v${i}`, `label l${i} reported set is stored`);
    } else assert.deepEqual(r, {code: 1, stdout: '', stderr: 'failed to update globalnetworkset shared, label not changed\n'});
  });
  patchRuns.forEach((r, i) => {
    if (r.code === 0) {
      assert.deepEqual(r, {code: 0, stdout: "Successfully patched 1 'GlobalNetworkSet' resource\n", stderr: ''});
      assert.equal(stored[`p${i}`], `v${i}`, `patch p${i} reported applied is stored`);
    } else assert.deepEqual(r, {code: 1, stdout: '', stderr: 'hit error: updating existing resource: update conflict: GlobalNetworkSet(shared)\n'});
  });
  // Nothing stored that was reported as failed, either.
  for (const [k, v] of Object.entries(stored)) {
    const i = Number(k.slice(1));
    assert.equal((k[0] === 'l' ? labelRuns : patchRuns)[i].code, 0, `${k}=${v} stored although its command failed`);
  }
});

test('concurrent applies of different resources all land', async () => {
  const runs = await Promise.all(
    Array.from({length: PARALLEL}, (_, i) => {
      const docs = Array.from({length: 20}, (_, j) => set(`p${i}-s${j}`)).join('---\n');
      return ctx.cli(['apply', '-f', '-'], {input: docs});
    }),
  );
  for (const r of runs) assert.deepEqual(r, {code: 0, stdout: "Successfully applied 20 'GlobalNetworkSet' resource(s)\n", stderr: ''});
  const keys = (await ctx.list(`${R}globalnetworksets/p`)).map((kv) => kv.key);
  assert.equal(keys.length, PARALLEL * 20);
});
