#!/usr/bin/env node
// `npm run demo`: set up (dependencies, etcd when root, build), start a throwaway etcd, apply examples/
// with the built CLI and show the result with `get`, then stop etcd. Exits 0 when every example that
// calicoctl accepts was applied.
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {build, ensureNodeModules, ensureSystemPackages} from './setup.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const examples = join(root, 'examples');
// calicoctl refuses to write these (ClusterInformation is owned by calico/node).
const READ_ONLY_KINDS = new Set(['ClusterInformation']);

ensureNodeModules();
ensureSystemPackages(['etcd']);
build();
const {startEtcd} = await import('./lib/etcd-server.mjs');

function calicoctl(args, env) {
  console.log(`\n$ calicoctl ${args.join(' ')}`);
  const r = spawnSync(process.execPath, [join(root, 'bin/run.js'), ...args], {cwd: root, env, encoding: 'utf8'});
  process.stdout.write(r.stdout);
  process.stdout.write(r.stderr);
  return r.status ?? 1;
}

/** Kinds declared in a manifest file (top-level `kind:` lines), in order. */
function kindsIn(file) {
  return [...readFileSync(file, 'utf8').matchAll(/^kind:\s*(\S+)\s*$/gm)].map((m) => m[1].replace(/List$/, ''));
}

const dir = mkdtempSync(join(tmpdir(), 'calicoctl-demo-'));
const etcd = await startEtcd({name: 'demo'});
let failures = 0;
try {
  const cfg = join(dir, 'calicoctl.cfg');
  writeFileSync(cfg, `apiVersion: projectcalico.org/v3\nkind: CalicoAPIConfig\nmetadata:\nspec:\n  datastoreType: etcdv3\n  etcdEndpoints: ${etcd.endpoint}\n`);
  console.log(`etcd running at ${etcd.endpoint}; configuration in ${cfg}`);
  const env = {...process.env, CALICOCTL_TIMEOUT: '10s'};
  const files = readdirSync(examples).filter((f) => /\.(ya?ml|json)$/i.test(f)).sort().map((f) => join(examples, f));
  // Tiers first: policies in a tier need it to exist.
  const ordered = [...files.filter((f) => kindsIn(f).includes('Tier')), ...files.filter((f) => !kindsIn(f).includes('Tier'))];
  const shown = new Set();
  for (const file of ordered) {
    const kinds = kindsIn(file);
    if (kinds.length && kinds.every((k) => READ_ONLY_KINDS.has(k))) {
      console.log(`\n(skipping ${file.slice(root.length)}: ${kinds[0]} is read-only for calicoctl)`);
      continue;
    }
    if (calicoctl(['apply', '-f', file, '-c', cfg], env) !== 0) failures++;
    for (const k of kinds) shown.add(k);
  }
  for (const kind of [...shown, 'ClusterInformation']) {
    const namespaced = /^(NetworkPolicy|NetworkSet|StagedNetworkPolicy|StagedKubernetesNetworkPolicy|WorkloadEndpoint)$/.test(kind);
    calicoctl(['get', kind.toLowerCase(), '-o', 'wide', '-c', cfg, ...(namespaced ? ['-A'] : [])], env);
  }
} finally {
  await etcd.stop();
  rmSync(dir, {recursive: true, force: true});
}
console.log(failures ? `\n${failures} example file(s) could not be applied.` : '\nAll examples applied; etcd stopped.');
process.exit(failures ? 1 : 0);
