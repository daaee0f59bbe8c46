// etcd authentication against a real etcd: credentials ignored while auth is off, a least-privilege user
// (role limited to /calico/), re-authentication when the token is revoked, and one distinct error per
// credential mistake, each within the timeout.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {runCli} from '../helpers/cli.mjs';
import {authToken, enableAuth, etcdRequest, startCluster} from '../helpers/etcd-cluster.mjs';

const ROOT_PW = 'r00t-Pa55word';
const CALICO_PW = 'calico-Pa55word';
const OUTSIDER_PW = 'outsider-Pa55word';
const SET = (name) => `apiVersion: projectcalico.org/v3\nkind: GlobalNetworkSet\nmetadata: {name: ${name}}\nspec: {nets: [10.2.0.0/16]}\n`;

let cluster;
before(async () => {
  cluster = await startCluster({size: 1});
});
after(async () => cluster?.stop());

const env = (user, password) => ({
  ETCD_ENDPOINTS: cluster.endpoints[0],
  CALICOCTL_TIMEOUT: '3s',
  ...(user ? {ETCD_USERNAME: user} : {}),
  ...(password ? {ETCD_PASSWORD: password} : {}),
});

test('credentials are not used while etcd authentication is off (as etcd clients do)', async () => {
  const r = await runCli(['apply', '-f', '-'], {env: env('calico', CALICO_PW), input: SET('before-auth')});
  assert.deepEqual(r, {code: 0, stdout: "Successfully applied 1 'GlobalNetworkSet' resource(s)\n", stderr: ''});
});

test('a user whose role covers only /calico/ can run every resource command', async () => {
  await enableAuth(cluster, {rootPassword: ROOT_PW, calicoPassword: CALICO_PW, outsiderPassword: OUTSIDER_PW});
  const e = env('calico', CALICO_PW);
  assert.deepEqual(await runCli(['create', '-f', '-'], {env: e, input: SET('least-privilege')}), {
    code: 0,
    stdout: "Successfully created 1 'GlobalNetworkSet' resource(s)\n",
    stderr: '',
  });
  assert.deepEqual(await runCli(['label', 'globalnetworkset', 'least-privilege', 'team=net'], {env: e}), {
    code: 0,
    stdout: 'Successfully set label team on globalnetworkset least-privilege\n',
    stderr: '',
  });
  const got = await runCli(['get', 'globalnetworksets'], {env: e});
  assert.deepEqual(got, {code: 0, stdout: 'NAME              \nbefore-auth       \nleast-privilege   \n\n', stderr: ''});
  assert.deepEqual(await runCli(['delete', 'globalnetworkset', 'before-auth'], {env: e}), {
    code: 0,
    stdout: "Successfully deleted 1 'GlobalNetworkSet' resource(s)\n",
    stderr: '',
  });
});

test('each credential mistake has its own one-line error, exit 1, within the timeout', async () => {
  const pre = 'failed to get resources: unable to get Cluster Information to verify version mismatch: connection is unauthorized: etcdserver: ';
  const post = '\nUse --allow-version-mismatch to override\n';
  const cases = [
    ['wrong password', env('calico', 'not-the-password'), `${pre}authentication failed, invalid user ID or password${post}`],
    ['no credentials', env(), `${pre}user name is empty (etcd authentication is enabled: set etcdUsername and etcdPassword)${post}`],
    ['insufficient permission', env('outsider', OUTSIDER_PW), `${pre}permission denied (the etcd user needs read and write access to the /calico/ key prefix)${post}`],
  ];
  const results = await Promise.all(
    cases.map(async ([, e]) => {
      const start = Date.now();
      return {r: await runCli(['get', 'globalnetworksets'], {env: e}), ms: Date.now() - start};
    }),
  );
  results.forEach(({r, ms}, i) => {
    assert.deepEqual(r, {code: 1, stdout: '', stderr: cases[i][2]}, cases[i][0]);
    assert.ok(ms < 12000, `${cases[i][0]} took ${ms} ms`);
  });
  // A write with a wrong password reports the authentication failure, not a later anonymous request's error.
  const w = await runCli(['apply', '-f', '-', '--allow-version-mismatch'], {env: env('calico', 'not-the-password'), input: SET('x')});
  assert.deepEqual(w, {
    code: 1,
    stdout: '',
    stderr: "failed to apply 'GlobalNetworkSet' resource: [connection is unauthorized: etcdserver: authentication failed, invalid user ID or password]\n",
  });
});

test('the client authenticates again when its token is revoked', async () => {
  const {EtcdClient} = await import('../../dist/lib/datastore/etcd-client.js');
  const client = new EtcdClient({endpoints: cluster.endpoints, timeoutMs: 3000, username: 'calico', password: CALICO_PW});
  try {
    assert.equal((await client.range('/calico/', {prefix: true, keysOnly: true})).kvs.length > 0, true);
    // Turning auth off and on again revokes every token etcd issued.
    const token = await authToken(cluster, 'root', ROOT_PW);
    assert.equal((await etcdRequest(cluster.endpoints[0], '/v3/auth/disable', {}, {token})).status, 200);
    assert.equal((await etcdRequest(cluster.endpoints[0], '/v3/auth/enable', {})).status, 200);
    const after = await client.txn([], [{put: {key: '/calico/test/reauth', value: 'ok'}}]);
    assert.equal(after.succeeded, true);
    const stored = await cluster.readAll({prefix: '/calico/test/', token: await authToken(cluster, 'root', ROOT_PW)});
    assert.deepEqual(stored, {'/calico/test/reauth': 'ok'});
  } finally {
    client.close();
  }
});
