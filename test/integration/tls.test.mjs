// TLS against a real etcd serving HTTPS with client-certificate authentication (certificates generated
// per run): mutual TLS from files and from inline PEM, and one distinct, clear error per TLS mistake.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {runCli} from '../helpers/cli.mjs';
import {createPki} from '../helpers/pki.mjs';
import {enableAuth, startCluster} from '../helpers/etcd-cluster.mjs';

let pki;
let cluster;
let dir;
let ep;
const TIMEOUT = '3s';
const POOL = 'apiVersion: projectcalico.org/v3\nkind: GlobalNetworkSet\nmetadata: {name: tls-set}\nspec: {nets: [10.1.0.0/16]}\n';

before(async () => {
  pki = createPki();
  cluster = await startCluster({size: 1, pki});
  ep = cluster.endpoints[0];
  dir = mkdtempSync(join(tmpdir(), 'calicoctl-tls-test-'));
});
after(async () => {
  await cluster?.stop();
  pki?.cleanup();
  if (dir) rmSync(dir, {recursive: true, force: true});
});

const fileEnv = (ca, cert, key) => ({
  ETCD_ENDPOINTS: ep,
  CALICOCTL_TIMEOUT: TIMEOUT,
  ...(ca ? {ETCD_CA_CERT_FILE: ca} : {}),
  ...(cert ? {ETCD_CERT_FILE: cert, ETCD_KEY_FILE: key} : {}),
});

function configFile(name, spec) {
  const p = join(dir, name);
  const lines = Object.entries(spec).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`);
  writeFileSync(p, `apiVersion: projectcalico.org/v3\nkind: CalicoAPIConfig\nmetadata: {}\nspec:\n  datastoreType: etcdv3\n${lines.join('\n')}\n`);
  return p;
}

/** `get globalnetworksets tls-set -o yaml` read the set written by the first test. */
function assertReadBack(r) {
  assert.equal(r.stderr, '');
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^apiVersion: projectcalico.org\/v3\nkind: GlobalNetworkSet\nmetadata:\n[^]*  name: tls-set\n[^]*spec:\n  nets:\n  - 10.1.0.0\/16\n$/);
}

const VERSION_PREFIX = 'failed to get resources: unable to get Cluster Information to verify version mismatch: ';
const VERSION_SUFFIX = '\nUse --allow-version-mismatch to override\n';

test('mutual TLS with certificate files', async () => {
  const f = pki.files;
  const env = fileEnv(f.ca, f.clientCert, f.clientKey);
  const applied = await runCli(['apply', '-f', '-'], {env, input: POOL});
  assert.deepEqual(applied, {code: 0, stdout: "Successfully applied 1 'GlobalNetworkSet' resource(s)\n", stderr: ''});
  const got = await runCli(['get', 'globalnetworksets', 'tls-set', '-o', 'yaml'], {env});
  assertReadBack(got);
});

test('mutual TLS with inline PEM in the config file', async () => {
  const cfg = configFile('inline.cfg', {etcdEndpoints: ep, etcdCACert: pki.pem('ca'), etcdCert: pki.pem('clientCert'), etcdKey: pki.pem('clientKey')});
  const got = await runCli(['get', 'globalnetworksets', 'tls-set', '-o', 'yaml', '-c', cfg], {env: {CALICOCTL_TIMEOUT: TIMEOUT}});
  assertReadBack(got);
  const mixed = configFile('mixed.cfg', {etcdEndpoints: ep, etcdCACert: pki.pem('ca'), etcdCertFile: pki.files.clientCert, etcdKeyFile: pki.files.clientKey});
  const r = await runCli(['get', 'globalnetworksets', '-c', mixed, '--allow-version-mismatch'], {env: {CALICOCTL_TIMEOUT: TIMEOUT}});
  assert.deepEqual(r, {code: 1, stdout: 'Failed to create Calico API client: Cannot mix inline certificate-key and certificate / key files\n', stderr: ''});
});

test('each TLS mistake fails with its own one-line error within the timeout', async () => {
  const f = pki.files;
  const reject = (why) => `${VERSION_PREFIX}failed to reach etcd: ${ep}: TLS error: ${why}${VERSION_SUFFIX}`;
  const expiredOn = new Date(new (await import('node:crypto')).X509Certificate(pki.pem('expiredCert')).validTo).toISOString();
  const cases = [
    ['wrong CA', fileEnv(f.otherCa, f.clientCert, f.clientKey),
      reject("the etcd server's certificate is not signed by a trusted CA (UNABLE_TO_VERIFY_LEAF_SIGNATURE; check etcdCACertFile/etcdCACert)")],
    ['no CA', fileEnv(undefined, f.clientCert, f.clientKey),
      reject("the etcd server's certificate is not signed by a trusted CA (UNABLE_TO_VERIFY_LEAF_SIGNATURE; no etcd CA configured: set etcdCACertFile or etcdCACert)")],
    ['client certificate from another CA', fileEnv(f.ca, f.otherCert, f.otherKey),
      reject('etcd rejected the client certificate (is it issued by a CA etcd trusts, for client authentication?) (ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE)')],
    ['expired client certificate', fileEnv(f.ca, f.expiredCert, f.expiredKey),
      reject(`etcd rejected the client certificate: it expired on ${expiredOn} (ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE)`)],
    ['no client certificate', fileEnv(f.ca),
      reject('etcd requires a client certificate and none is configured (set etcdCertFile and etcdKeyFile) (ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE)')],
    ['http to an https endpoint', {...fileEnv(f.ca, f.clientCert, f.clientKey), ETCD_ENDPOINTS: ep.replace('https:', 'http:')},
      `${VERSION_PREFIX}failed to reach etcd: ${ep.replace('https:', 'http:')}: connection reset (is this an https endpoint? ECONNRESET)${VERSION_SUFFIX}`],
    ['client certificate without its key', {...fileEnv(f.ca), ETCD_CERT_FILE: f.clientCert}, undefined],
  ];
  const results = await Promise.all(
    cases.map(async ([name, env]) => {
      const start = Date.now();
      const r = await runCli(['get', 'globalnetworksets'], {env});
      return {name, r, ms: Date.now() - start};
    }),
  );
  const messages = new Set();
  results.forEach(({name, r, ms}, i) => {
    const expected = cases[i][2];
    assert.equal(r.code, 1, name);
    if (expected) assert.deepEqual({stdout: r.stdout, stderr: r.stderr}, {stdout: '', stderr: expected}, name);
    else assert.match(r.stdout + r.stderr, /both a client certificate and its key are required/, name);
    assert.ok(ms < 12000, `${name} took ${ms} ms`);
    messages.add(r.stdout + r.stderr);
  });
  assert.equal(messages.size, cases.length, 'every mistake has its own message');
});

test('an expired server certificate has its own error', async () => {
  const expired = await startCluster({size: 1, pki, serverCert: pki.files.expiredServerCert, serverKey: pki.files.expiredServerKey});
  try {
    const f = pki.files;
    const r = await runCli(['get', 'globalnetworksets'], {env: {...fileEnv(f.ca, f.clientCert, f.clientKey), ETCD_ENDPOINTS: expired.endpoints[0]}});
    assert.deepEqual(r, {
      code: 1,
      stdout: '',
      stderr: `${VERSION_PREFIX}failed to reach etcd: ${expired.endpoints[0]}: TLS error: the etcd server's certificate has expired (CERT_HAS_EXPIRED)${VERSION_SUFFIX}`,
    });
  } finally {
    await expired.stop();
  }
});

test('etcd authentication over TLS: a client certificate without CommonName works, one with a CommonName is explained', async () => {
  await enableAuth(cluster, {rootPassword: 'root-Secret-1', calicoPassword: 'calico-Secret-2', outsiderPassword: 'outsider-Secret-3'});
  const f = pki.files;
  const creds = {ETCD_USERNAME: 'calico', ETCD_PASSWORD: 'calico-Secret-2'};
  const ok = await runCli(['get', 'globalnetworksets', 'tls-set', '-o', 'yaml'], {env: {...fileEnv(f.ca, f.noCnCert, f.noCnKey), ...creds}});
  assertReadBack(ok);
  const cn = await runCli(['get', 'globalnetworksets'], {env: {...fileEnv(f.ca, f.clientCert, f.clientKey), ...creds}});
  assert.deepEqual(cn, {
    code: 1,
    stdout: '',
    stderr:
      VERSION_PREFIX +
      'connection is unauthorized: etcd refuses a client certificate with a CommonName while etcd authentication is enabled (its HTTP gateway, which this calicoctl uses, cannot map the CommonName to a user): use a client certificate without a CommonName together with etcdUsername/etcdPassword' +
      VERSION_SUFFIX,
  });
});
