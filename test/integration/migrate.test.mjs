// datastore migrate lock/unlock/export/import between two real etcd servers: export is calicoctl's format,
// import restores it into an empty etcd (locked, all-or-nothing), and re-exporting gives the same document.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {runCli} from '../helpers/cli.mjs';
import {startEtcd} from '../../scripts/lib/etcd-server.mjs';
import {CLUSTER, seed, dump, wipe} from '../fixtures/ipam/seed.mjs';

const R = '/calico/resources/v3/projectcalico.org/';
const EXTRA = [
  [
    `${R}globalnetworkpolicies/deny-bad`,
    '{"kind":"GlobalNetworkPolicy","apiVersion":"projectcalico.org/v3","metadata":{"name":"deny-bad","uid":"3a0c1f7e-1111-4a2b-9c3d-000000000001","creationTimestamp":"2025-06-01T12:00:00Z","labels":{"projectcalico.org/tier":"default"},"annotations":{"projectcalico.org/metadata":"{\\"name\\":\\"deny-bad\\"}"}},"spec":{"tier":"default","order":10,"ingress":[{"action":"Deny","source":{"nets":["203.0.113.0/24"]}}],"selector":"all()","types":["Ingress"]}}',
  ],
  [
    `${R}networkpolicies/prod/knp.default.deny-all`,
    '{"kind":"NetworkPolicy","apiVersion":"projectcalico.org/v3","metadata":{"name":"knp.default.deny-all","namespace":"prod","uid":"3a0c1f7e-1111-4a2b-9c3d-000000000002","creationTimestamp":"2025-06-01T12:00:00Z"},"spec":{"tier":"default","order":1000,"selector":"projectcalico.org/orchestrator == \'k8s\'","types":["Ingress"]}}',
  ],
  [
    `${R}felixconfigurations/node.node1`,
    '{"kind":"FelixConfiguration","apiVersion":"projectcalico.org/v3","metadata":{"name":"node.node1","uid":"3a0c1f7e-1111-4a2b-9c3d-000000000003","creationTimestamp":"2025-06-01T12:00:00Z"},"spec":{"defaultEndpointToHostAction":"RETURN","nftablesMode":"Auto","bpfLogLevel":"","bpfConnectTimeLoadBalancing":"TCP","bpfHostNetworkedNATWithoutCTLB":"Enabled","floatingIPs":"Disabled"}}',
  ],
];

let a;
let b;
const tmp = mkdtempSync(join(tmpdir(), 'calicoctl-migrate-'));
const on = (etcd) => (...args) => runCli(args, {env: {ETCD_ENDPOINTS: etcd.endpoint}});
/** The only values that legitimately differ between two etcd clusters: their revision numbers. */
const withoutRevisions = (text) => text.replace(/resourceVersion: "\d+"/g, 'resourceVersion: "<rev>"').replace(/"resourceVersion": "\d+"/g, '"resourceVersion": "<rev>"');

before(async () => {
  [a, b] = await Promise.all([startEtcd({name: 'src'}), startEtcd({name: 'dst'})]);
  await seed(a.endpoint, [...CLUSTER, ...EXTRA]);
});
after(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
});

test('export refuses an unlocked datastore', async () => {
  const r = await on(a)('datastore', 'migrate', 'export');
  assert.deepEqual([r.code, r.stdout, r.stderr], [1, '', 'datastore is not locked. Run the `calicoctl datastore migrate lock` command in order to begin migration\n']);
});

test('export, import into a fresh etcd, export again: the same document', async () => {
  const lock = await on(a)('datastore', 'migrate', 'lock');
  assert.equal(lock.stdout, 'Datastore locked.\n');
  const first = await on(a)('datastore', 'migrate', 'export');
  assert.equal(first.code, 0, first.stderr);
  const parts = first.stdout.split('===\n');
  assert.equal(parts.length, 3);
  // Section 1: one List per type, in calicoctl's order, each followed by `---`.
  const kinds = [...parts[0].matchAll(/^kind: (\w+List)$/gm)].map((m) => m[1]);
  assert.deepEqual(kinds, [
    'IPPoolList', 'BGPPeerList', 'TierList', 'GlobalNetworkPolicyList', 'StagedGlobalNetworkPolicyList', 'GlobalNetworkSetList',
    'HostEndpointList', 'KubeControllersConfigurationList', 'NetworkPolicyList', 'StagedNetworkPolicyList',
    'StagedKubernetesNetworkPolicyList', 'NetworkSetList', 'NodeList', 'BGPConfigurationList', 'FelixConfigurationList',
    'IPReservationList', 'BGPFilterList',
  ]);
  assert.doesNotMatch(parts[0], /uid:|creationTimestamp:|knp\.default/);
  assert.match(parts[0], /defaultEndpointToHostAction: Return\n/);
  assert.match(parts[0], /apiVersion: projectcalico.org\/v3\nitems: \[\]\nkind: BGPPeerList\nmetadata:\n  resourceVersion: "\d+"\n---\n/);
  // Section 2: ClusterInformation, metadata kept, locked.
  assert.match(parts[1], /^\{\n  "kind": "ClusterInformation",\n  "apiVersion": "projectcalico.org\/v3",\n  "metadata": \{\n    "name": "default",\n    "uid": "0b8e2f64-9a57-4c3e-8f0e-5d2c1b7a9e11",\n    "resourceVersion": "\d+",\n    "creationTimestamp": "2025-06-01T11:59:00Z"\n  \},\n  "spec": \{\n    "clusterGUID": "9f86d081884c4d659a2feaa0c55ad015",\n    "clusterType": "k8s,bgp",\n    "calicoVersion": "v3.32.1",\n    "datastoreReady": false\n  \}\n\}\n$/);
  // Section 3: IPAM, every digit of the sequence numbers.
  assert.match(parts[2], /"sequenceNumber": 1748779200000000007,\n        "sequenceNumberForAllocation": \{\n          "0": 1748779200000000001,/);
  assert.match(parts[2], /^\{\n  "block_affinities": \[\n    \{\n      "Key": "\/calico\/ipam\/v2\/host\/node1\/ipv4\/block\/10.244.97.0-26",\n      "Value": \{\n        "state": "confirmed",\n        "deleted": false\n      \},\n      "TTL": 0\n    \},/);
  assert.match(parts[2], /  "config": \{\n    "Key": "\/calico\/ipam\/v2\/config",\n    "Value": \{\n      "auto_allocate_blocks": true,\n      "kubeVirtVMAddressPersistence": "Enabled"\n    \},\n    "TTL": 0\n  \}\n\}\n$/);

  const file = join(tmp, 'export.txt');
  writeFileSync(file, first.stdout);
  const imp = await on(b)('datastore', 'migrate', 'import', '-f', file);
  assert.deepEqual([imp.code, imp.stderr], [0, '']);
  assert.equal(
    imp.stdout,
    'Successfully applied 10 resource(s)\nImporting IPAM resources\nSuccessfully applied 16 IPAM resource(s)\n' +
      'Datastore information successfully imported. Please refer to the datastore migration documentation for next steps.\n',
  );
  // IPAM keys are restored verbatim (the 3.13 block in the 3.32 layout the export wrote).
  const srcIPAM = await dump(a.endpoint, '/calico/ipam/');
  const dstIPAM = await dump(b.endpoint, '/calico/ipam/');
  assert.deepEqual(Object.keys(dstIPAM), Object.keys(srcIPAM));
  for (const [k, v] of Object.entries(srcIPAM)) if (!k.includes('10.244.99.0')) assert.equal(dstIPAM[k], v, k);
  const ci = (await dump(b.endpoint, `${R}clusterinformations/`))[`${R}clusterinformations/default`];
  assert.equal(
    ci,
    '{"kind":"ClusterInformation","apiVersion":"projectcalico.org/v3","metadata":{"name":"default","uid":"0b8e2f64-9a57-4c3e-8f0e-5d2c1b7a9e11","creationTimestamp":"2025-06-01T11:59:00Z"},"spec":{"clusterGUID":"9f86d081884c4d659a2feaa0c55ad015","clusterType":"k8s,bgp","calicoVersion":"v3.32.1","datastoreReady":false}}',
  );

  const second = await on(b)('datastore', 'migrate', 'export');
  assert.equal(second.code, 0, second.stderr);
  assert.equal(withoutRevisions(second.stdout), withoutRevisions(first.stdout));
  const showA = await on(a)('ipam', 'show', '--show-blocks');
  const showB = await on(b)('ipam', 'show', '--show-blocks');
  assert.equal(showB.stdout, showA.stdout);

  const again = await on(b)('datastore', 'migrate', 'import', '-f', file);
  assert.deepEqual([again.code, again.stdout], [1, '']);
  assert.equal(again.stderr, 'datastore already has Calico resources: found existing Calico IPPool resource. Import needs an empty datastore; use --force to import over existing data\n');
  const forced = await on(b)('datastore', 'migrate', 'import', '-f', file, '--force');
  assert.equal(forced.code, 0, forced.stderr);
  const unlock = await on(b)('datastore', 'migrate', 'unlock');
  assert.equal(unlock.stdout, 'Datastore unlocked.\n');
});

test('import: malformed file and a failing resource leave the target untouched', async () => {
  await wipe(b.endpoint);
  const unlock = await on(b)('datastore', 'migrate', 'unlock');
  assert.deepEqual([unlock.code, unlock.stderr], [1, 'error retrieving ClusterInformation for unlocking: resource does not exist: ClusterInformation(default) with error: <nil>\n']);
  const bad = join(tmp, 'bad.txt');
  writeFileSync(bad, 'apiVersion: projectcalico.org/v3\nitems: []\nkind: IPPoolList\n---\n===\n{}\n');
  const r = await on(b)('datastore', 'migrate', 'import', '-f', bad);
  assert.deepEqual([r.code, r.stderr], [1, `error while reading migration file: imported file: ${bad} is improperly formatted. Try recreating with 'calicoctl export'\n`]);
  const missing = await on(b)('datastore', 'migrate', 'import', '-f', join(tmp, 'nope.txt'));
  assert.deepEqual([missing.code, missing.stderr], [1, `error while reading migration file: open ${join(tmp, 'nope.txt')}: no such file or directory\n`]);

  // A policy in a tier that does not exist fails after the lock and other resources were written: all rolled back.
  const exp = await on(a)('datastore', 'migrate', 'export');
  const broken = exp.stdout.replace('    tier: default\n    types:\n    - Ingress\n', '    tier: missing\n    types:\n    - Ingress\n');
  assert.notEqual(broken, exp.stdout);
  const file = join(tmp, 'broken.txt');
  writeFileSync(file, broken);
  const f = await on(b)('datastore', 'migrate', 'import', '-f', file);
  assert.equal(f.code, 1);
  assert.equal(f.stdout, '');
  assert.match(f.stderr, /^failed to import v3 resources: .*Tier\(missing\).*\nimport rolled back: the datastore is as it was before\n$/);
  assert.deepEqual(await dump(b.endpoint), {});
});

test('export needs a k8s orchestrator reference on every node', async () => {
  await seed(a.endpoint, [[`${R}nodes/bare`, '{"kind":"Node","apiVersion":"projectcalico.org/v3","metadata":{"name":"bare","uid":"3a0c1f7e-1111-4a2b-9c3d-000000000009","creationTimestamp":"2025-06-01T12:00:00Z"},"spec":{},"status":{}}']]);
  const r = await on(a)('datastore', 'migrate', 'export');
  assert.equal(r.code, 1);
  assert.equal(
    r.stderr,
    "unable to process metadata for export for Node resource: node bare missing a 'k8s' orchestrator reference. Unable to export data unless every node has a 'k8s' orchestrator reference\n",
  );
  const unlock = await on(a)('datastore', 'migrate', 'unlock');
  assert.equal(unlock.code, 0);
});
