// `calicoctl version` against a real etcd: cluster version/type from ClusterInformation, --poll, errors,
// and the version-mismatch check the ipam and migrate commands run first.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {runCli, BIN, ROOT} from '../helpers/cli.mjs';
import {startEtcd} from '../../scripts/lib/etcd-server.mjs';
import {seed, wipe} from '../fixtures/ipam/seed.mjs';

const pkg = JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8'));
const CLIENT = `Client Version:    v${pkg.version}\nGit commit:        ${pkg.gitCommit ?? 'unknown'}\n`;
const CI_KEY = '/calico/resources/v3/projectcalico.org/clusterinformations/default';
const ci = (spec) =>
  JSON.stringify({kind: 'ClusterInformation', apiVersion: 'projectcalico.org/v3', metadata: {name: 'default', uid: '0b8e2f64-9a57-4c3e-8f0e-5d2c1b7a9e11', creationTimestamp: '2025-06-01T11:59:00Z'}, spec});

let etcd;
let env;
const cli = (...args) => runCli(args, {env});

before(async () => {
  etcd = await startEtcd({name: 'version'});
  env = {ETCD_ENDPOINTS: etcd.endpoint};
});
after(async () => {
  await etcd?.stop();
});

test('version prints the cluster version and type', async () => {
  await seed(etcd.endpoint, [[CI_KEY, ci({clusterGUID: 'a'.repeat(32), clusterType: 'k8s,bgp', calicoVersion: `v${pkg.version}`, datastoreReady: true})]]);
  const r = await cli('version');
  assert.deepEqual([r.code, r.stderr, r.stdout], [0, '', `${CLIENT}Cluster Version:   v${pkg.version}\nCluster Type:      k8s,bgp\n`]);
  await seed(etcd.endpoint, [[CI_KEY, ci({clusterGUID: 'a'.repeat(32), datastoreReady: true})]]);
  const unknown = await cli('version');
  assert.equal(unknown.stdout, `${CLIENT}Cluster Version:   unknown\nCluster Type:      unknown\n`);
  const client = await cli('version', '--client');
  assert.deepEqual([client.code, client.stdout], [0, CLIENT]);
});

test('version errors', async () => {
  await wipe(etcd.endpoint);
  const missing = await cli('version');
  assert.deepEqual([missing.code, missing.stdout, missing.stderr], [
    1,
    CLIENT,
    'unable to retrieve Cluster Version or Type: resource does not exist: ClusterInformation(default) with error: <nil>\n',
  ]);
  const poll = await cli('version', '--poll=soon');
  assert.deepEqual([poll.code, poll.stdout, poll.stderr], [1, '', 'invalid poll duration specified: 0s\n']);
  const cfg = await cli('version', '-c', '/nonexistent/calicoctl.cfg');
  assert.deepEqual([cfg.code, cfg.stdout], [1, `${CLIENT}Error reading config file: /nonexistent/calicoctl.cfg\n`]);
  const down = await runCli(['version'], {env: {ETCD_ENDPOINTS: 'http://127.0.0.1:9', CALICOCTL_TIMEOUT: '2s'}});
  assert.equal(down.code, 1);
  assert.equal(down.stdout, CLIENT);
  assert.match(down.stderr, /^unable to retrieve Cluster Version or Type: .+\n$/);
});

test('version --poll prints only changes', async () => {
  await seed(etcd.endpoint, [[CI_KEY, ci({clusterGUID: 'a'.repeat(32), clusterType: 'k8s', calicoVersion: 'v3.32.0', datastoreReady: true})]]);
  const child = spawn(process.execPath, [BIN, 'version', '--poll', '100ms'], {env: {...process.env, ...env}, stdio: ['ignore', 'pipe', 'pipe']});
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  const waitFor = async (text) => {
    for (let i = 0; i < 100 && !stdout.includes(text); i++) await new Promise((r) => setTimeout(r, 50));
  };
  try {
    await waitFor('Cluster Type:');
    await new Promise((r) => setTimeout(r, 300));
    await seed(etcd.endpoint, [[CI_KEY, ci({clusterGUID: 'a'.repeat(32), clusterType: 'k8s', calicoVersion: 'v3.32.1', datastoreReady: true})]]);
    await waitFor('v3.32.1\n');
    await new Promise((r) => setTimeout(r, 300));
  } finally {
    child.kill('SIGKILL');
  }
  assert.equal(stdout, `${CLIENT}Cluster Version:   v3.32.0\nCluster Type:      k8s\nCluster Version:   v3.32.1\n`);
});

test('ipam and migrate commands run the version-mismatch check', async () => {
  await seed(etcd.endpoint, [[CI_KEY, ci({clusterGUID: 'a'.repeat(32), calicoVersion: 'v3.31.0-2-gabc', datastoreReady: true})]]);
  const mismatch = `version mismatch.\nClient Version:   v${pkg.version}\nCluster Version:  3.31.0\nUse --allow-version-mismatch to override\n`;
  for (const args of [['ipam', 'show'], ['ipam', 'check'], ['datastore', 'migrate', 'lock'], ['datastore', 'migrate', 'export']]) {
    const r = await cli(...args);
    assert.deepEqual([r.code, r.stdout, r.stderr], [1, '', mismatch], args.join(' '));
  }
  const allowed = await cli('ipam', 'show', '--allow-version-mismatch');
  assert.equal(allowed.code, 0);
  const v = await cli('version');
  assert.equal(v.code, 0);
});
