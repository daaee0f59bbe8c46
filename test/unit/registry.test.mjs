import {test} from 'node:test';
import assert from 'node:assert/strict';
import {ALL_KINDS, kindFromCli, kindFromManifest, kindFromListKind} from '../../dist/lib/registry/index.js';

test('registry holds the 22 kinds of the current calicoctl', () => {
  assert.equal(ALL_KINDS.length, 22);
  const names = ALL_KINDS.map((k) => k.kind);
  assert.deepEqual([...names].sort(), names);
});

test('CLI kinds match aliases case-insensitively and nothing else', () => {
  assert.equal(kindFromCli('IPPOOL')?.kind, 'IPPool');
  assert.equal(kindFromCli('pols')?.kind, 'NetworkPolicy');
  assert.equal(kindFromCli('sknp')?.kind, 'StagedKubernetesNetworkPolicy');
  assert.equal(kindFromCli('ippool.projectcalico.org'), undefined);
  assert.equal(kindFromCli('gnetset'), undefined);
});

test('no alias is shared by two kinds', () => {
  const seen = new Map();
  for (const k of ALL_KINDS) for (const a of k.aliases) {
    assert.ok(!seen.has(a), `${a} used by ${seen.get(a)} and ${k.kind}`);
    seen.set(a, k.kind);
  }
});

test('manifest kinds are case-sensitive; list kinds resolve', () => {
  assert.equal(kindFromManifest('ippool'), undefined);
  assert.equal(kindFromManifest('IPPool')?.plural, 'ippools');
  assert.equal(kindFromListKind('NetworkPolicyList')?.namespaced, true);
});
