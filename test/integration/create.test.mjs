// create: exact messages, counting quirks, namespace rules and refusals (calicoctl-cli.md §3.4-3.6).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {R, useEtcd} from './datastore-helpers.mjs';

const ctx = useEtcd();
const pool = (name, cidr, extra = '') => `apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata:\n  name: ${name}${extra}\nspec:\n  cidr: ${cidr}\n`;

async function expect(args, code, stdout, stderr, opts) {
  const r = await ctx.cli(args, opts);
  assert.deepEqual({code: r.code, stdout: r.stdout, stderr: r.stderr}, {code, stdout, stderr}, args.join(' '));
}

test('create one, then again: already exists; --skip-exists counts it as created', async () => {
  const f = ctx.file('p1.yaml', pool('p1', '10.1.0.0/16'));
  await expect(['create', '-f', f], 0, "Successfully created 1 'IPPool' resource(s)\n", '');
  await expect(['create', '-f', f], 1, '', "failed to create 'IPPool' resource: [resource already exists: IPPool(p1) with error: <nil>]\n");
  await expect(['create', '-f', f, '--skip-exists'], 0, "Successfully created 1 'IPPool' resource(s)\n", '');
});

test('partial success and the "first N" quirk', async () => {
  const f = ctx.file('p2.yaml', [pool('p1', '10.1.0.0/16'), pool('p2', '10.2.0.0/16'), pool('p3', '10.3.0.0/16')].join('---\n'));
  await expect(
    ['create', '-f', f],
    1,
    "Partial success: created the first 2 out of 3 'IPPool' resources:\n",
    'hit error: [resource already exists: IPPool(p1) with error: <nil>]\n',
  );
  // failures >= successes: the Partial success line is omitted
  await expect(
    ['create', '-f', f],
    1,
    '',
    "failed to create any 'IPPool' resources: [resource already exists: IPPool(p1) with error: <nil> resource already exists: IPPool(p2) with error: <nil> resource already exists: IPPool(p3) with error: <nil>]\n",
  );
});

test('mixed kinds are counted without a kind', async () => {
  const f = ctx.file('mixed.yaml', `${pool('p9', '10.9.0.0/16')}---\napiVersion: projectcalico.org/v3\nkind: GlobalNetworkSet\nmetadata: {name: s1}\nspec: {nets: [10.0.0.0/8]}\n`);
  await expect(['create', '-f', f], 0, 'Successfully created 2 resource(s)\n', '');
});

test('namespace rules', async () => {
  const np = ctx.file('np.yaml', 'apiVersion: projectcalico.org/v3\nkind: NetworkSet\nmetadata: {name: n1, namespace: ns1}\nspec: {nets: [10.0.0.0/8]}\n');
  await expect(
    ['create', '-f', np, '-n', 'ns2'],
    1,
    '',
    "failed to create 'NetworkSet' resource: [resource namespace does not match client namespace. ns1 != ns2]\n",
  );
  const cluster = ctx.file('ns-pool.yaml', pool('p5', '10.5.0.0/16', '\n  namespace: x'));
  const r = await ctx.cli(['create', '-f', cluster]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /namespace should not be specified for a non-namespaced resource. IPPool is not a namespaced resource/);
  await expect(['create', '-f', ctx.file('p6.yaml', pool('p6', '10.6.0.0/16')), '-n', 'x'], 1, '', "failed to create 'IPPool' resource: [IPPool is not namespaced]\n");
  const noNs = ctx.file('nons.yaml', 'apiVersion: projectcalico.org/v3\nkind: NetworkSet\nmetadata: {name: n2}\nspec: {nets: [10.0.0.0/8]}\n');
  await expect(['create', '-f', noNs], 0, "Successfully created 1 'NetworkSet' resource(s)\n", '');
  assert.ok(await ctx.get(`${R}networksets/default/n2`));
});

test('resourceVersion in the input, ClusterInformation, knp.default and the default-allow profile are refused', async () => {
  await expect(
    ['create', '-f', ctx.file('rv.yaml', pool('p7', '10.7.0.0/16', '\n  resourceVersion: "5"'))],
    1,
    '',
    "failed to create 'IPPool' resource: [error with field Metadata.ResourceVersion = '5' (field must not be set for a Create request)]\n",
  );
  await expect(
    ['create', '-f', ctx.file('ci.yaml', 'apiVersion: projectcalico.org/v3\nkind: ClusterInformation\nmetadata: {name: default}\nspec: {}\n')],
    1,
    '',
    "failed to create 'ClusterInformation' resource: [operation create or apply is not supported on ClusterInformation]\n",
  );
  const knp = await ctx.cli(['create', '-f', ctx.file('knp.yaml', 'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: knp.default.x}\nspec: {}\n')]);
  assert.equal(knp.code, 1);
  assert.match(knp.stderr, /operation create or apply is not supported on NetworkPolicy\(default\/knp\.default\.x\): kubernetes network policies must be managed through the kubernetes API/);
  await expect(
    ['create', '-f', ctx.file('prof.yaml', 'apiVersion: projectcalico.org/v3\nkind: Profile\nmetadata: {name: projectcalico-default-allow}\nspec: {}\n')],
    1,
    '',
    `failed to create 'Profile' resource: [resource already exists: projectcalico-default-allow with error: projectcalico-default-allow already exists. The profile "projectcalico-default-allow" is default provided by Calico]\n`,
  );
});

test('policy in a missing tier; IPPool checks run in the client', async () => {
  const gnp = ctx.file('gnp.yaml', 'apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata: {name: x}\nspec: {tier: nosuch}\n');
  await expect(['create', '-f', gnp], 1, '', "failed to create 'GlobalNetworkPolicy' resource: [resource does not exist: Tier(nosuch) with error: <nil>]\n");
  const overlap = await ctx.cli(['create', '-f', ctx.file('ov.yaml', pool('ov', '10.1.128.0/17'))]);
  assert.equal(overlap.code, 1);
  assert.match(overlap.stderr, /IPPool\(ov\) CIDR overlaps with IPPool\(p1\) CIDR 10\.1\.0\.0\/16/);
});

test('input problems: nothing is written', async () => {
  const bad = ctx.file('bad.yaml', `${pool('q1', '10.20.0.0/16')}---\napiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata: {name: q2}\nspec: {cidr: 10.21.0.0/16, bogus: 1}\n`);
  const r = await ctx.cli(['create', '-f', bad]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /field in document is not recognized or is in the wrong location: bogus/);
  assert.equal(await ctx.get(`${R}ippools/q1`), undefined);
  await expect(['create', '-f', ctx.file('empty.yaml', '# nothing\n'), '--skip-empty'], 0, 'No resources specified\n', '');
});

test('client configuration: missing config file, config file, kubernetes datastore', async () => {
  const f = ctx.file('cfgpool.yaml', pool('c1', '10.30.0.0/16'));
  await expect(['create', '-f', f, '-c', `${ctx.dir}/nope.cfg`], 1, `Error reading config file: ${ctx.dir}/nope.cfg\n`, '');
  const cfg = ctx.file('calicoctl.cfg', `apiVersion: projectcalico.org/v3\nkind: CalicoAPIConfig\nmetadata:\nspec:\n  datastoreType: etcdv3\n  etcdEndpoints: ${ctx.endpoint}\n`);
  // The file wins over the environment (which points nowhere here).
  await expect(['create', '-f', f, '-c', cfg], 0, "Successfully created 1 'IPPool' resource(s)\n", '', {env: {ETCD_ENDPOINTS: 'http://127.0.0.1:1'}});
  const k8s = ctx.file('k8s.cfg', 'apiVersion: projectcalico.org/v3\nkind: CalicoAPIConfig\nspec:\n  datastoreType: kubernetes\n  kubeconfig: /x\n');
  const r = await ctx.cli(['create', '-f', f, '-c', k8s]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^Failed to create Calico API client: the kubernetes datastore is not supported by this calicoctl, only etcdv3 is/);
  const typo = ctx.file('typo.cfg', `apiVersion: projectcalico.org/v3\nkind: CalicoAPIConfig\nspec:\n  etcdEndpoint: ${ctx.endpoint}\n`);
  await expect(
    ['create', '-f', f, '-c', typo],
    1,
    `Failed to create Calico API client: syntax error in ${typo}: failed to parse config as YAML/JSON: error unmarshaling JSON: while decoding JSON: json: unknown field "etcdEndpoint"\n`,
    '',
  );
  const json = ctx.file('cfg.json', JSON.stringify({apiVersion: 'projectcalico.org/v3', kind: 'CalicoAPIConfig', spec: {etcdEndpoints: ctx.endpoint}}));
  await expect(['create', '-f', f, '-c', json, '--skip-exists'], 0, "Successfully created 1 'IPPool' resource(s)\n", '');
});

test('CALICO_-prefixed variables win; an unreachable etcd fails fast with a clear error', async () => {
  const f = ctx.file('envpool.yaml', pool('e1', '10.40.0.0/16'));
  await expect(['create', '-f', f], 0, "Successfully created 1 'IPPool' resource(s)\n", '', {env: {ETCD_ENDPOINTS: 'http://127.0.0.1:1', CALICO_ETCD_ENDPOINTS: ctx.endpoint}});
  const start = Date.now();
  const r = await ctx.cli(['create', '-f', f], {env: {ETCD_ENDPOINTS: 'http://127.0.0.1:1', CALICOCTL_TIMEOUT: '2s'}});
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'unable to get Cluster Information to verify version mismatch: failed to reach etcd: http://127.0.0.1:1: connection refused\nUse --allow-version-mismatch to override\n');
  assert.ok(Date.now() - start < 5000);
  const flagged = await ctx.cli(['create', '-f', f, '--timeout', '1500ms'], {env: {ETCD_ENDPOINTS: 'http://127.0.0.1:1'}});
  assert.equal(flagged.code, 1);
  assert.match(flagged.stderr, /failed to reach etcd: http:\/\/127\.0\.0\.1:1: connection refused/);
  const bad = await ctx.cli(['create', '-f', f, '--timeout', 'soon']);
  assert.equal(bad.stderr, 'invalid --timeout value: soon (expected a duration such as 10s or 500ms)\n');
  const r2 = await ctx.cli(['create', '-f', f, '--allow-version-mismatch'], {env: {ETCD_ENDPOINTS: `http://127.0.0.1:1,${ctx.endpoint}`}});
  assert.equal(r2.stderr, "failed to create 'IPPool' resource: [resource already exists: IPPool(e1) with error: <nil>]\n");
});
