// ipam show/release/configure/check/split against a real etcd seeded with IPAM data shaped as Calico writes it
// (test/fixtures/ipam/cluster.json: pools, a 3.32 block with three allocations and a borrowed IP, an empty
// block, a 3.13-format block, an orphan block, an IPv6 block, affinities, handles, big sequence numbers).
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, readFileSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {runCli} from '../helpers/cli.mjs';
import {startEtcd} from '../../scripts/lib/etcd-server.mjs';
import {CLUSTER, seed, dump, wipe} from '../fixtures/ipam/seed.mjs';

let etcd;
let env;
const tmp = mkdtempSync(join(tmpdir(), 'calicoctl-ipam-'));
const cli = (...args) => runCli(args, {env});
const fixture = (key) => CLUSTER.find(([k]) => k === key)[1];
const reseed = async () => {
  await wipe(etcd.endpoint);
  await seed(etcd.endpoint);
};

before(async () => {
  etcd = await startEtcd({name: 'ipam'});
  env = {ETCD_ENDPOINTS: etcd.endpoint};
  await seed(etcd.endpoint);
});
after(async () => {
  await etcd?.stop();
});

const POOLS = `+----------+------------------+------------+------------+-------------------+
| GROUPING |       CIDR       | IPS TOTAL  | IPS IN USE |     IPS FREE      |
+----------+------------------+------------+------------+-------------------+
| IP Pool  | 10.244.0.0/16    |      65536 | 4 (0%)     | 65532 (100%)      |
| IP Pool  | fd00:10:244::/64 | 1.8447e+19 | 1 (0%)     | 1.8447e+19 (100%) |
+----------+------------------+------------+------------+-------------------+
`;

const BLOCKS = `+----------+-------------------+------------+------------+-------------------+
| GROUPING |       CIDR        | IPS TOTAL  | IPS IN USE |     IPS FREE      |
+----------+-------------------+------------+------------+-------------------+
| IP Pool  | 10.244.0.0/16     |      65536 | 4 (0%)     | 65532 (100%)      |
| Block    | 10.244.97.0/26    |         64 | 3 (5%)     | 61 (95%)          |
| Block    | 10.244.98.0/26    |         64 | 0 (0%)     | 64 (100%)         |
| Block    | 10.244.99.0/26    |         64 | 1 (2%)     | 63 (98%)          |
| IP Pool  | fd00:10:244::/64  | 1.8447e+19 | 1 (0%)     | 1.8447e+19 (100%) |
| Block    | fd00:10:244::/122 |         64 | 1 (2%)     | 63 (98%)          |
| Block    | 172.16.0.0/26     |         64 | 1 (2%)     | 63 (98%)          |
+----------+-------------------+------------+------------+-------------------+
`;

test('ipam show: pool table, blocks, orphan block, IPv6 pool', async () => {
  const r = await cli('ipam', 'show');
  assert.deepEqual([r.code, r.stderr, r.stdout], [0, '', POOLS]);
  const b = await cli('ipam', 'show', '--show-blocks');
  assert.deepEqual([b.code, b.stderr, b.stdout], [0, '', BLOCKS]);
});

test('ipam show --ip', async () => {
  const used = await cli('ipam', 'show', '--ip=10.244.97.0');
  assert.equal(
    used.stdout,
    'IP 10.244.97.0 is in use\nHandle ID: k8s-pod-network.abc123\nActive Owner Attributes:\n  namespace: default\n  node: node1\n  pod: web-1\n  timestamp: 2025-06-01 12:00:01.5 +0000 UTC\n',
  );
  const v6 = await cli('ipam', 'show', '--ip', 'fd00:10:244:0::0');
  assert.match(v6.stdout, /^IP fd00:10:244:: is in use\nHandle ID: k8s-pod-network.abc123\n/);
  const free = await cli('ipam', 'show', '--ip', '10.244.97.9');
  assert.deepEqual([free.code, free.stdout], [0, '10.244.97.9 is not assigned\n']);
  const nopool = await cli('ipam', 'show', '--ip', '172.16.0.3');
  assert.deepEqual([nopool.code, nopool.stdout], [0, '172.16.0.3 is not assigned\n']);
  const bad = await cli('ipam', 'show', '--ip', '10.244.97.300');
  assert.deepEqual([bad.code, bad.stdout, bad.stderr], [1, 'Error executing command: invalid IP address specified: 10.244.97.300\n', '']);
});

test('ipam show --show-borrowed and --show-configuration', async () => {
  const b = await cli('ipam', 'show', '--show-borrowed');
  assert.equal(
    b.stdout,
    `+-------------+----------------+----------------+-------------+------+--------------+
|     IP      | BORROWING-NODE |     BLOCK      | BLOCK OWNER | TYPE | ALLOCATED-TO |
+-------------+----------------+----------------+-------------+------+--------------+
| 10.244.97.2 | node2          | 10.244.97.0/26 | node1       | pod  | prod/api-7   |
+-------------+----------------+----------------+-------------+------+--------------+

Note: found 1 IP allocations without an explicit node association. Unable to determine if they are borrowed.
`,
  );
  const c = await cli('ipam', 'show', '--show-configuration');
  assert.equal(
    c.stdout,
    `+------------------------------+-----------+
|           PROPERTY           |   VALUE   |
+------------------------------+-----------+
| StrictAffinity               | false     |
| AutoAllocateBlocks           | true      |
| MaxBlocksPerHost             |         0 |
| KubeVirtVMAddressPersistence | "Enabled" |
+------------------------------+-----------+
`,
  );
});

test('ipam show -o json has exact integers', async () => {
  const r = await cli('ipam', 'show', '--show-blocks', '-o', 'json');
  assert.equal(r.code, 0);
  assert.match(r.stdout, /"cidr": "fd00:10:244::\/64",\n      "total": 18446744073709551616,\n      "inUse": 1,\n      "free": 18446744073709551615,/);
  assert.match(r.stdout, /"orphanBlocks": \[\n    \{\n      "cidr": "172.16.0.0\/26",\n      "total": 64,\n      "inUse": 1,\n      "free": 63\n    \}\n  \]\n\}\n$/);
});

test('ipam release --ip: one CAS update of the block, handle decremented, affinity kept', async () => {
  await reseed();
  const r = await cli('ipam', 'release', '--ip=10.244.97.0');
  assert.deepEqual([r.code, r.stdout, r.stderr], [0, 'Successfully released IP address 10.244.97.0\n', '']);
  const kv = await dump(etcd.endpoint, '/calico/ipam/');
  const before = fixture('/calico/ipam/v2/assignment/ipv4/block/10.244.97.0-26');
  const expected = before
    .replace('"allocations":[0,1,2,', '"allocations":[null,0,1,')
    .replace(',63],"attributes"', ',63,0],"attributes"')
    .replace('"attributes":[{"handle_id":"k8s-pod-network.abc123","secondary":{"namespace":"default","node":"node1","pod":"web-1","timestamp":"2025-06-01 12:00:01.5 +0000 UTC"}},', '"attributes":[')
    .replace('"sequenceNumber":1748779200000000007', '"sequenceNumber":1748779200000000008')
    .replace('{"0":1748779200000000001,"1"', '{"1"');
  assert.equal(kv['/calico/ipam/v2/assignment/ipv4/block/10.244.97.0-26'], expected);
  assert.equal(kv['/calico/ipam/v2/handle/k8s-pod-network.abc123'], '{"block":{"fd00:10:244::/122":1},"deleted":false}');
  assert.equal(kv['/calico/ipam/v2/host/node1/ipv4/block/10.244.97.0-26'], '{"state":"confirmed","deleted":false}');

  const again = await cli('ipam', 'release', '--ip=10.244.97.0');
  assert.deepEqual([again.code, again.stdout, again.stderr], [1, '', 'IP address 10.244.97.0 is not assigned\n']);
  const bad = await cli('ipam', 'release', '--ip=nope');
  assert.deepEqual([bad.code, bad.stdout], [1, 'Error executing command: invalid IP address specified: nope\n']);
});

test('ipam release of the last IP of a non-affine block deletes the block and its handle', async () => {
  await reseed();
  const r = await cli('ipam', 'release', '--ip', '172.16.0.3');
  assert.equal(r.stdout, 'Successfully released IP address 172.16.0.3\n');
  const kv = await dump(etcd.endpoint, '/calico/ipam/');
  assert.equal(kv['/calico/ipam/v2/assignment/ipv4/block/172.16.0.0-26'], undefined);
  assert.equal(kv['/calico/ipam/v2/handle/k8s-pod-network.orphan1'], undefined);
});

test('a 3.13 block is rewritten in the 3.32 layout on release', async () => {
  await reseed();
  const r = await cli('ipam', 'release', '--ip', '10.244.99.5');
  assert.equal(r.code, 0);
  const kv = await dump(etcd.endpoint, '/calico/ipam/v2/assignment/ipv4/block/10.244.99.0-26');
  const v = Object.values(kv)[0];
  assert.match(v, /^\{"cidr":"10.244.99.0\/26","affinity":"host:node3","allocations":\[null,/);
  assert.match(v, /,63,5\],"attributes":\[\],"sequenceNumber":1,"sequenceNumberForAllocation":null,"deleted":false\}$/);
});

test('ipam configure', async () => {
  await reseed();
  const none = await cli('ipam', 'configure');
  assert.deepEqual([none.code, none.stderr], [1, 'at least one configuration option must be specified\n']);
  const bad = await cli('ipam', 'configure', '--strictaffinity=maybe');
  assert.deepEqual([bad.code, bad.stderr], [1, 'invalid value. Use true or false to set strictaffinity\n']);
  const noStrict = await cli('ipam', 'configure', '--max-blocks-per-host=3');
  assert.deepEqual([noStrict.code, noStrict.stderr], [1, 'error: MaxBlocksPerHost requires StrictAffinity to be enabled\n']);
  const ok = await cli('ipam', 'configure', '--strictaffinity=true', '--max-blocks-per-host=3');
  assert.deepEqual([ok.code, ok.stdout], [0, 'Successfully set StrictAffinity to: true\nSuccessfully set MaxBlocksPerHost to: 3\n']);
  const kv = await dump(etcd.endpoint, '/calico/ipam/v2/config');
  assert.equal(kv['/calico/ipam/v2/config'], '{"strict_affinity":true,"auto_allocate_blocks":true,"maxBlocksPerHost":3,"kubeVirtVMAddressPersistence":"Enabled"}');
});

test('ipam show --show-configuration creates the default config like Calico', async () => {
  await reseed();
  const c = await (await import('etcd3')).Etcd3;
  const client = new c({hosts: etcd.endpoint});
  await client.delete().key('/calico/ipam/v2/config');
  client.close();
  const r = await cli('ipam', 'show', '--show-configuration');
  assert.equal(r.code, 0);
  const kv = await dump(etcd.endpoint, '/calico/ipam/v2/config');
  assert.equal(kv['/calico/ipam/v2/config'], '{"auto_allocate_blocks":true,"kubeVirtVMAddressPersistence":"Enabled"}');
});

const CHECK = `Checking IPAM for inconsistencies...

Loading all IPAM blocks...
Found 5 IPAM blocks.
 IPAM block 10.244.97.0/26 affinity=host:node1:
 IPAM block 10.244.98.0/26 affinity=host:node2:
 IPAM block 10.244.99.0/26 affinity=host:node3:
 IPAM block 172.16.0.0/26 affinity=<none>:
 IPAM block fd00:10:244::/122 affinity=host:node1:
IPAM blocks record 6 allocations.

Loading all IPAM pools...
  10.244.0.0/16
  fd00:10:244::/64
Found 2 active IP pools.

Loading all nodes.
Found 1 node tunnel IPs.

Loading all service load balancer IPs.
No kubeconfig given (KUBECONFIG or --kubeconfig), skipping service check

Loading all workload endpoints.
Found 3 workload IPs.
Workloads and nodes are using 4 IPs.

Loading all handles
Looking for top (up to 20) nodes by allocations...
  node1 has 3 allocations
   has 1 allocations
  node2 has 1 allocations
  node3 has 1 allocations
Node with most allocations has 3; median is 1

Scanning for IPs that are allocated but not actually in use...
  10.244.99.5 leaked; attrs Main:k8s-pod-network.old1 Extra:namespace=legacy,node=node3,pod=old-1
  172.16.0.3 leaked; attrs Main:k8s-pod-network.orphan1 Extra:
Found 2 IPs that are allocated in IPAM but not actually in use.
Scanning for IPs that are in use by a workload or node but not allocated in IPAM...
Found 0 in-use IPs that are not in active IP pools.
Found 0 in-use IPs that are in active IP pools but have no corresponding IPAM allocation.

Scanning for IPAM handles with no matching IPs...
Found 1 handles with no matching IPs (and 5 handles with matches).
Scanning for IPs with missing handle...
Found 0 handles mentioned in blocks with no matching handle resource.
Check complete; found 3 problems.
`;

test('lock, ipam check report, split and release --from-report, unlock; refusals', async () => {
  await reseed();
  const report = join(tmp, 'report.json');
  // Refusals on an unlocked datastore.
  const split0 = await cli('ipam', 'split', '2', '--name', 'pool-a');
  assert.deepEqual([split0.code, split0.stderr], [1, 'datastore is not locked. Run the `calicoctl datastore migrate lock` command in order split the IP pools\n']);
  const noTarget = await cli('ipam', 'split', '2');
  assert.deepEqual([noTarget.code, noTarget.stderr], [1, 'no name or CIDR provided. Provide a name or CIDR to denote the IP pool to split\n']);

  const unlockedCheck = await cli('ipam', 'check', '--show-problem-ips', '-o', report);
  assert.deepEqual([unlockedCheck.code, unlockedCheck.stdout], [0, CHECK]);
  assert.equal(statSync(report).mode & 0o777, 0o777 & ~process.umask());
  const notLocked = await cli('ipam', 'release', '--from-report', report);
  assert.deepEqual([notLocked.code, notLocked.stderr], [1, 'data store is not locked. Either lock the data store, or re-run with --force\n']);

  const lock = await cli('datastore', 'migrate', 'lock');
  assert.deepEqual([lock.code, lock.stdout], [0, 'Datastore locked.\n']);
  const stale = await cli('ipam', 'release', '--from-report', report);
  assert.deepEqual([stale.code, stale.stderr], [
    1,
    'the provided reports are all stale - at least one should be up-to-date. Please generate a new report while the data store is locked and try again\n',
  ]);

  const check = await cli('ipam', 'check', '-o', report);
  assert.equal(check.code, 0);
  const r = JSON.parse(readFileSync(report, 'utf8').replace(/"sequenceNumber": (\d+)/g, '"sequenceNumber": "$1"'));
  assert.equal(r.datastoreLocked, true);
  assert.equal(r.clusterGUID, '9f86d081884c4d659a2feaa0c55ad015');
  assert.deepEqual(r.allocations['10.244.97.2'][0], {
    ip: '10.244.97.2',
    handle: 'k8s-pod-network.def456',
    sequenceNumber: '1748779200000000005',
    pod: 'api-7',
    namespace: 'prod',
    node: 'node2',
    creationTimestamp: '2025-06-01 12:05:00.25 +0000 UTC',
    inUse: true,
    borrowed: true,
    owners: ['Workload(prod/node2-k8s-api--7-eth0)'],
  });
  assert.deepEqual(r.leakedHandles.map((h) => [h.ID, h.UID]), [['k8s-pod-network.leaked9', null]]);

  // A report from another cluster is refused whatever --force says.
  const foreign = join(tmp, 'foreign.json');
  (await import('node:fs')).writeFileSync(foreign, readFileSync(report, 'utf8').replace('9f86d081884c4d659a2feaa0c55ad015', '00000000000000000000000000000000'));
  const g = await cli('ipam', 'release', '--from-report', foreign, '--force');
  assert.deepEqual([g.code, g.stderr], [1, `cluster does not match the provided report (${foreign}): mismatched cluster GUID. Refusing to release\n`]);

  const older = join(tmp, 'older.json');
  (await import('node:fs')).writeFileSync(older, readFileSync(report, 'utf8').replace('"version": "v3.32.1"', '"version": "v3.31.0"'));
  const v = await cli('ipam', 'release', '--from-report', older);
  assert.deepEqual([v.code, v.stderr], [1, `the provided report (${older}) was produced using a different version (v3.31.0) of calicoctl. Refusing to release\n`]);

  const rel = await cli('ipam', 'release', `--from-report=${older}`, '--force');
  assert.deepEqual([rel.code, rel.stderr], [0, '']);
  assert.equal(
    rel.stdout,
    'WARNING: Report was produced using a different version of calicoctl. Ignoring due to --force option\n' +
    "Releasing 2 old IPs...\nReleased 2 IPs successfully\nDeleting 1 handles...\nKey: '.' = Deleted OK; 'x' = skip, handle missing/changed.\n.\nReleased 1 handles; 0 skipped; 0 errors.\nYou may now unlock the data store.\n",
  );
  const ipam = await dump(etcd.endpoint, '/calico/ipam/');
  assert.equal(ipam['/calico/ipam/v2/handle/k8s-pod-network.leaked9'], undefined);
  assert.equal(ipam['/calico/ipam/v2/handle/k8s-pod-network.old1'], undefined);
  assert.equal(ipam['/calico/ipam/v2/assignment/ipv4/block/172.16.0.0-26'], undefined);
  assert.equal(ipam['/calico/ipam/v2/assignment/ipv4/block/10.244.97.0-26'], fixture('/calico/ipam/v2/assignment/ipv4/block/10.244.97.0-26'));

  const badNumber = await cli('ipam', 'split', 'x', '--name', 'pool-v6');
  assert.deepEqual([badNumber.code, badNumber.stderr], [1, 'error reading number to split IP pools into. x is not a valid number: strconv.Atoi: parsing "x": invalid syntax\n']);
  const missing = await cli('ipam', 'split', '2', '--cidr', '10.9.0.0/16');
  assert.deepEqual([missing.code, missing.stderr], [1, 'unable to find IP pool  covering the specified CIDR 10.9.0.0/16\n']);
  const split = await cli('ipam', 'split', '4', '--cidr', '10.244.0.0/16');
  assert.deepEqual([split.code, split.stderr], [0, '']);
  assert.equal(
    split.stdout,
    'IP Pool pool-a was successfully split into 4 smaller pools.Created split-pool-a-0 with CIDR 10.244.0.0/18.\nCreated split-pool-a-1 with CIDR 10.244.64.0/18.\n' +
      'Created split-pool-a-2 with CIDR 10.244.128.0/18.\nCreated split-pool-a-3 with CIDR 10.244.192.0/18.\nPlease refer to the documentation for final steps.',
  );
  const pools = await dump(etcd.endpoint, '/calico/resources/v3/projectcalico.org/ippools/');
  assert.deepEqual(Object.keys(pools), [
    '/calico/resources/v3/projectcalico.org/ippools/pool-v6',
    '/calico/resources/v3/projectcalico.org/ippools/split-pool-a-0',
    '/calico/resources/v3/projectcalico.org/ippools/split-pool-a-1',
    '/calico/resources/v3/projectcalico.org/ippools/split-pool-a-2',
    '/calico/resources/v3/projectcalico.org/ippools/split-pool-a-3',
  ]);
  assert.match(
    pools['/calico/resources/v3/projectcalico.org/ippools/split-pool-a-1'],
    /^\{"kind":"IPPool","apiVersion":"projectcalico.org\/v3","metadata":\{"name":"split-pool-a-1","uid":"[0-9a-f-]{36}","creationTimestamp":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"\},"spec":\{"cidr":"10.244.64.0\/18","vxlanMode":"Never","ipipMode":"Always","natOutgoing":true,"blockSize":26,"nodeSelector":"all\(\)","allowedUses":\["Workload","Tunnel"\],"assignmentMode":"Automatic"\}\}$/,
  );

  const unlock = await cli('datastore', 'migrate', 'unlock');
  assert.deepEqual([unlock.code, unlock.stdout], [0, 'Datastore unlocked.\n']);
});

test('ipam check reads LoadBalancer services through a kubeconfig', async () => {
  await reseed();
  const {createServer} = await import('node:http');
  const {writeFileSync} = await import('node:fs');
  let auth;
  const services = {
    items: [
      {metadata: {name: 'lb-web', namespace: 'default'}, spec: {type: 'LoadBalancer'}, status: {loadBalancer: {ingress: [{ip: '10.244.98.7'}]}}},
      {metadata: {name: 'lb-other', namespace: 'default'}, spec: {type: 'LoadBalancer', loadBalancerClass: 'metallb'}, status: {loadBalancer: {ingress: [{ip: '192.0.2.50'}]}}},
      {metadata: {name: 'plain', namespace: 'default'}, spec: {type: 'ClusterIP'}},
    ],
  };
  const server = createServer((req, res) => {
    auth = req.headers.authorization;
    res.setHeader('content-type', 'application/json');
    res.end(req.url === '/api/v1/services' ? JSON.stringify(services) : '{}');
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const kubeconfig = join(tmp, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    `apiVersion: v1\nkind: Config\ncurrent-context: test\ncontexts:\n- name: test\n  context: {cluster: c1, user: u1}\nclusters:\n- name: c1\n  cluster: {server: "http://127.0.0.1:${server.address().port}"}\nusers:\n- name: u1\n  user: {token: s3cret}\n`,
  );
  try {
    const noKcc = await cli('ipam', 'check', '--kubeconfig', kubeconfig);
    assert.equal(noKcc.code, 1);
    assert.equal(noKcc.stderr, 'resource does not exist: KubeControllersConfiguration(default) with error: <nil>\n');
    await seed(etcd.endpoint, [
      [
        '/calico/resources/v3/projectcalico.org/kubecontrollersconfigurations/default',
        '{"kind":"KubeControllersConfiguration","apiVersion":"projectcalico.org/v3","metadata":{"name":"default","uid":"5d1e7c55-2b1a-4a52-9d43-0a7f3c0f2b10","creationTimestamp":"2025-06-01T12:00:00Z"},"spec":{"healthChecks":"Enabled","prometheusMetricsPort":9094,"controllers":{"loadBalancer":{"assignIPs":"AllServices"}}},"status":{}}',
      ],
    ]);
    const r = await runCli(['ipam', 'check', '--show-problem-ips'], {env: {...env, KUBECONFIG: kubeconfig}});
    assert.equal(r.code, 0, r.stderr);
    assert.equal(auth, 'Bearer s3cret');
    assert.match(r.stdout, /\nLoading all service load balancer IPs\.\nFound 1 service load balancer\(s\)\.\n\nLoading all workload endpoints\.\nFound 3 workload IPs\.\nWorkloads and nodes are using 5 IPs\.\n/);
    assert.match(r.stdout, /\n  10\.244\.98\.7 in use by lb-web and in active IPAM pool but has no IPAM allocation\.\n/);
    assert.match(r.stdout, /\nCheck complete; found 4 problems\.\n$/);
  } finally {
    server.close();
  }
});

test('release: an emptied block whose pool no longer selects its node loses its affinity', async () => {
  await reseed();
  const poolKey = '/calico/resources/v3/projectcalico.org/ippools/pool-a';
  await seed(etcd.endpoint, [[poolKey, fixture(poolKey).replace('"nodeSelector":"all()"', '"nodeSelector":"zone == \'a\'"')]]);
  const r = await cli('ipam', 'release', '--ip', '10.244.99.5');
  assert.equal(r.code, 0, r.stderr);
  const kv = await dump(etcd.endpoint, '/calico/ipam/');
  assert.equal(kv['/calico/ipam/v2/assignment/ipv4/block/10.244.99.0-26'], undefined);
  assert.equal(kv['/calico/ipam/v2/host/node3/ipv4/block/10.244.99.0-26'], undefined);
  // A block that still holds allocations keeps its affinity.
  const kept = await cli('ipam', 'release', '--ip', '10.244.97.0');
  assert.equal(kept.code, 0, kept.stderr);
  const after = await dump(etcd.endpoint, '/calico/ipam/v2/host/');
  assert.equal(after['/calico/ipam/v2/host/node1/ipv4/block/10.244.97.0-26'], '{"state":"confirmed","deleted":false}');
});
