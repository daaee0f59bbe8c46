// Secrets never reach any output: the etcd password, the client private key (inline PEM or file) and the
// etcd auth token are looked for in stdout and stderr of many commands, successful and failing, at
// --log-level debug. Runs against a real etcd with TLS client certificates and authentication on.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {runCli} from '../helpers/cli.mjs';
import {createPki} from '../helpers/pki.mjs';
import {enableAuth, etcdRequest, startCluster} from '../helpers/etcd-cluster.mjs';

const PASSWORD = 'S3cr3t-Calico-Pa55w0rd-7f3a';
const ROOT_PASSWORD = 'R00t-S3cr3t-9c1e';
let pki;
let cluster;
let dir;

before(async () => {
  pki = createPki();
  cluster = await startCluster({size: 1, pki});
  await enableAuth(cluster, {rootPassword: ROOT_PASSWORD, calicoPassword: PASSWORD, outsiderPassword: PASSWORD + '-o'});
  dir = mkdtempSync(join(tmpdir(), 'calicoctl-secrets-test-'));
});
after(async () => {
  await cluster?.stop();
  pki?.cleanup();
  if (dir) rmSync(dir, {recursive: true, force: true});
});

/** Distinctive lines of a PEM body (any one of them in the output would be a leak). */
function pemFragments(pem) {
  return pem
    .split('\n')
    .filter((l) => l && !l.startsWith('-----'))
    .map((l) => l.slice(0, 24));
}

function config(name, spec) {
  const p = join(dir, name);
  const lines = Object.entries(spec).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`);
  writeFileSync(p, `apiVersion: projectcalico.org/v3\nkind: CalicoAPIConfig\nmetadata: {}\nspec:\n  datastoreType: etcdv3\n${lines.join('\n')}\n`);
  return p;
}

test('no password, private key or token in any output, debug logging included', async () => {
  const ep = cluster.endpoints[0];
  const inline = {etcdEndpoints: ep, etcdCACert: pki.pem('ca'), etcdCert: pki.pem('noCnCert'), etcdKey: pki.pem('noCnKey'), etcdUsername: 'calico'};
  const good = config('good.cfg', {...inline, etcdPassword: PASSWORD});
  const wrongPassword = config('wrong-password.cfg', {...inline, etcdPassword: PASSWORD + 'x'});
  const deadEndpoint = config('dead.cfg', {...inline, etcdEndpoints: 'https://127.0.0.1:1', etcdPassword: PASSWORD});
  const cnCert = config('cn.cfg', {...inline, etcdCert: pki.pem('clientCert'), etcdKey: pki.pem('clientKey'), etcdPassword: PASSWORD});
  const wrongCa = config('wrong-ca.cfg', {...inline, etcdCACert: pki.pem('otherCa'), etcdPassword: PASSWORD});
  const badYaml = join(dir, 'bad.cfg');
  writeFileSync(badYaml, `apiVersion: projectcalico.org/v3\nkind: CalicoAPIConfig\nspec:\n  etcdPassword: ${PASSWORD}\n   etcdUsername: [\n`);
  const wrongType = join(dir, 'type.cfg');
  writeFileSync(wrongType, `apiVersion: projectcalico.org/v3\nkind: CalicoAPIConfig\nspec:\n  etcdPassword: {value: ${PASSWORD}}\n`);
  const fileEnv = {
    ETCD_ENDPOINTS: ep,
    ETCD_USERNAME: 'calico',
    ETCD_PASSWORD: PASSWORD,
    ETCD_CA_CERT_FILE: pki.files.ca,
    ETCD_CERT_FILE: pki.files.noCnCert,
    ETCD_KEY_FILE: pki.files.noCnKey,
  };
  const set = 'apiVersion: projectcalico.org/v3\nkind: GlobalNetworkSet\nmetadata: {name: s1}\nspec: {nets: [10.5.0.0/16]}\n';
  // Queued, then run a few at a time: a loaded machine must not turn successes into timeouts.
  const runs = [];
  const run = (args, opts = {}) => runs.push(() => runCli(['--log-level', 'debug', ...args], {timeoutMs: 60000, ...opts}).then((r) => ({args, ...r})));
  const timeout = {CALICOCTL_TIMEOUT: '10s'};
  for (const cfg of [good, wrongPassword, deadEndpoint, cnCert, wrongCa, badYaml, wrongType]) {
    // Nothing listens at the dead endpoint: it is refused until the deadline, so keep that one short.
    const env = cfg === deadEndpoint ? {CALICOCTL_TIMEOUT: '1s'} : timeout;
    run(['apply', '-f', '-', '-c', cfg], {input: set, env});
    run(['get', 'globalnetworksets', '-o', 'yaml', '-c', cfg], {env});
    run(['version', '-c', cfg], {env});
  }
  const results = [];
  const collect = async () => {
    const queue = runs.splice(0);
    await Promise.all(
      Array.from({length: 4}, async () => {
        while (queue.length) results.push(await queue.shift()());
      }),
    );
  };
  await collect();
  for (const cfg of [good, wrongPassword]) {
    run(['create', '-f', '-', '-c', cfg], {input: set.replace('s1', 's2'), env: timeout});
    run(['replace', '-f', '-', '-c', cfg], {input: set, env: timeout});
    run(['patch', 'globalnetworkset', 's1', '-p', '{"spec":{"nets":["10.6.0.0/16"]}}', '-c', cfg], {env: timeout});
    run(['label', 'globalnetworkset', 's1', 'a=b', '-c', cfg], {env: timeout});
    run(['ipam', 'show', '-c', cfg], {env: timeout});
    run(['datastore', 'migrate', 'export', '-c', cfg], {env: timeout});
    run(['delete', 'globalnetworkset', 's2', '-c', cfg], {env: timeout});
  }
  await collect();
  run(['get', 'globalnetworksets', '-o', 'json'], {env: {...fileEnv, ...timeout}});
  run(['get', 'globalnetworksets'], {env: {...fileEnv, ETCD_PASSWORD: 'wrong', ...timeout}});
  run(['get', 'globalnetworksets'], {env: {...fileEnv, ETCD_ENDPOINTS: ep.replace('https', 'http'), CALICOCTL_TIMEOUT: '1s'}});
  await collect();

  // Tokens etcd issues for this user right now look like the ones the commands used.
  // (The helper's own certificate has a CommonName, which etcd's gateway refuses once auth is on.)
  const tls = {ca: pki.pem('ca'), cert: pki.pem('noCnCert'), key: pki.pem('noCnKey')};
  const {json} = await etcdRequest(ep, '/v3/auth/authenticate', {name: 'calico', password: PASSWORD}, {tls});
  const token = json.token;
  assert.match(token, /^[A-Za-z]+\.\d+$/);
  const tokenShape = new RegExp(`\\b${token.split('.')[0].replace(/./g, '[A-Za-z]')}\\.\\d+\\b`);
  const secrets = [PASSWORD, ROOT_PASSWORD, ...pemFragments(pki.pem('noCnKey')), ...pemFragments(pki.pem('clientKey'))];
  let successes = 0;
  let failures = 0;
  for (const r of results) {
    const all = r.stdout + r.stderr;
    for (const s of secrets) assert.ok(!all.includes(s), `secret leaked by calicoctl ${r.args.join(' ')}: ${all.slice(0, 400)}`);
    assert.doesNotMatch(all, tokenShape, `token leaked by calicoctl ${r.args.join(' ')}`);
    assert.doesNotMatch(all, /PRIVATE KEY|authorization/i, `calicoctl ${r.args.join(' ')}`);
    if (r.code === 0) successes++;
    else failures++;
  }
  // The sweep must cover both outcomes to mean anything.
  assert.ok(successes >= 8 && failures >= 8, `successes ${successes}, failures ${failures}`);
});
