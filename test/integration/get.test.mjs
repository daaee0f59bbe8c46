// `calicoctl get` against a real etcd, seeded directly with values shaped as Calico 3.32 stores them.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, writeFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {runCli} from '../helpers/cli.mjs';
import {startEtcd} from '../../scripts/lib/etcd-server.mjs';

const PREFIX = '/calico/resources/v3/projectcalico.org';
const b64 = (s) => Buffer.from(s).toString('base64');
let etcd;
let env;
let tmp;

async function etcdCall(path, body) {
  const res = await fetch(`${etcd.endpoint}/v3/${path}`, {method: 'POST', body: JSON.stringify(body), signal: AbortSignal.timeout(5000)});
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}
const put = (key, value) => etcdCall('kv/put', {key: b64(key), value: b64(JSON.stringify(value))});
const del = (key) => etcdCall('kv/deleterange', {key: b64(key)});
const revision = async () => (await etcdCall('kv/range', {key: b64('/calico/'), limit: 1, keys_only: true})).header.revision;
const modRevision = async (key) => (await etcdCall('kv/range', {key: b64(key)})).kvs[0].mod_revision;
const get = (...args) => runCli(['get', ...args], {env});

const meta = (name, extra = {}) => ({name, uid: `uid-${name}`, creationTimestamp: '2026-01-01T00:00:00Z', ...extra});
const ippool = (name, spec) => ({
  kind: 'IPPool',
  apiVersion: 'projectcalico.org/v3',
  metadata: meta(name),
  spec: {vxlanMode: 'Never', ipipMode: 'Never', natOutgoing: false, blockSize: 26, allowedUses: ['Workload', 'Tunnel'], assignmentMode: 'Automatic', ...spec},
});
const policy = (name, namespace, spec) => ({
  kind: 'NetworkPolicy',
  apiVersion: 'projectcalico.org/v3',
  metadata: meta(name, {namespace, labels: {'projectcalico.org/tier': 'default'}}),
  spec: {tier: 'default', types: ['Ingress'], ...spec},
});

before(async () => {
  etcd = await startEtcd({name: 'get-test'});
  env = {ETCD_ENDPOINTS: etcd.endpoint};
  tmp = mkdtempSync(join(tmpdir(), 'calicoctl-get-'));
  await put(`${PREFIX}/ippools/ippool-name1`, ippool('ippool-name1', {cidr: '10.0.1.0/24', ipipMode: 'Always', nodeSelector: "foo == 'bar'"}));
  await put(`${PREFIX}/ippools/ippool-name2`, ippool('ippool-name2', {cidr: 'fed0:8001::/64', blockSize: 122, nodeSelector: 'all()'}));
  await put(`${PREFIX}/networkpolicies/default/np-a`, policy('np-a', 'default', {order: 100, selector: "app == 'a' && tier != 'db'"}));
  await put(`${PREFIX}/networkpolicies/prod/np-b`, policy('np-b', 'prod', {order: 1000000, selector: 'all()'}));
  for (const [name, order] of [['kube-baseline', 1e7], ['default', 1e6], ['kube-admin', 1000], ['unordered', undefined]]) {
    const spec = order === undefined ? {} : {order, defaultAction: name === 'default' ? 'Deny' : 'Pass'};
    await put(`${PREFIX}/tiers/${name}`, {kind: 'Tier', apiVersion: 'projectcalico.org/v3', metadata: meta(name), spec});
  }
  await put(`${PREFIX}/bgpconfigurations/default`, {kind: 'BGPConfiguration', apiVersion: 'projectcalico.org/v3', metadata: meta('default'), spec: {asNumber: 64513, nodeToNodeMeshEnabled: false}});
  await put(`${PREFIX}/nodes/node1`, {kind: 'Node', apiVersion: 'projectcalico.org/v3', metadata: meta('node1'), spec: {bgp: {ipv4Address: '10.0.0.1/24'}}});
  await put(`${PREFIX}/nodes/node2`, {kind: 'Node', apiVersion: 'projectcalico.org/v3', metadata: meta('node2'), spec: {bgp: {asNumber: 65001, ipv6Address: 'fd00::1/64'}}});
});

after(async () => {
  await etcd?.stop();
  if (tmp) rmSync(tmp, {recursive: true, force: true});
});

test('ps table: list, several names with a missing one (tables first, then the error)', async () => {
  let r = await get('ippool');
  assert.deepEqual(r, {
    code: 0,
    stdout: 'NAME           CIDR             SELECTOR       \nippool-name1   10.0.1.0/24      foo == \'bar\'   \nippool-name2   fed0:8001::/64   all()          \n\n',
    stderr: '',
  });
  r = await get('ippool', 'ippool-name1', 'blah', 'ippool-name2');
  assert.equal(r.code, 1);
  assert.equal(
    r.stdout,
    "NAME           CIDR          SELECTOR       \nippool-name1   10.0.1.0/24   foo == 'bar'   \n\n" + 'NAME           CIDR             SELECTOR   \nippool-name2   fed0:8001::/64   all()      \n\n',
  );
  assert.equal(r.stderr, 'resource does not exist: IPPool(blah) with error: <nil>\n');
});

test('wide and custom-columns tables', async () => {
  let r = await get('ippool', 'ippool-name1', '-o', 'wide');
  assert.equal(r.code, 0);
  assert.equal(
    r.stdout,
    'NAME           CIDR          NAT     IPIPMODE   VXLANMODE   DISABLED   DISABLEBGPEXPORT   SELECTOR       ASSIGNMENTMODE   \n' +
      "ippool-name1   10.0.1.0/24   false   Always     Never       false      false              foo == 'bar'   Automatic        \n\n",
  );
  r = await get('pools', '-o', 'custom-columns=CIDR,NAME');
  assert.equal(r.stdout, 'CIDR             NAME           \n10.0.1.0/24      ippool-name1   \nfed0:8001::/64   ippool-name2   \n\n');
  r = await get('ippool', '-o', 'custom-columns=NAME,BOGUS');
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, 'unknown heading BOGUS, valid values are: NAME, CIDR, NAT, IPIPMODE, VXLANMODE, DISABLED, DISABLEBGPEXPORT, SELECTOR, ASSIGNMENTMODE\n');
});

test('namespaces: default, -n, -A (NAMESPACE column), and the namespace errors', async () => {
  let r = await get('policy');
  assert.equal(r.stdout, 'NAME   TIER      \nnp-a   default   \n\n');
  r = await get('networkpolicies', '-n', 'prod', '-o', 'wide');
  assert.equal(r.stdout, 'NAMESPACE   NAME   TIER      ORDER   SELECTOR   \nprod        np-b   default   1e+06   all()      \n\n');
  r = await get('pol', '-A');
  assert.equal(r.stdout, 'NAMESPACE   NAME   TIER      \ndefault     np-a   default   \nprod        np-b   default   \n\n');
  r = await get('pol', '-a', '-o', 'custom-columns=NAME');
  assert.equal(r.stdout, 'NAME   \nnp-a   \nnp-b   \n\n');
  r = await get('policy', 'np-b', '-A');
  assert.deepEqual(r, {code: 1, stdout: '', stderr: 'cannot use --all-namespace flag for getting a single resource\n'});
  r = await get('policy', '-A', '-n', 'prod');
  assert.deepEqual(r, {code: 1, stdout: '', stderr: 'cannot use both --namespace and --all-namespaces flags at the same time\n'});
  r = await get('ippool', '-n', 'prod');
  assert.deepEqual(r, {code: 1, stdout: '', stderr: 'IPPool is not namespaced\n'});
  r = await get('policy', 'np-b');
  assert.deepEqual(r, {code: 1, stdout: '', stderr: 'resource does not exist: NetworkPolicy(default/np-b) with error: <nil>\n'});
});

test('yaml: one resource, a missing one (null), --export', async () => {
  const rv = await modRevision(`${PREFIX}/networkpolicies/prod/np-b`);
  let r = await get('policy', 'np-b', '-n', 'prod', '-o', 'yaml');
  assert.equal(r.code, 0);
  assert.equal(
    r.stdout,
    `apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  creationTimestamp: "2026-01-01T00:00:00Z"
  labels:
    projectcalico.org/tier: default
  name: np-b
  namespace: prod
  resourceVersion: "${rv}"
  uid: uid-np-b
spec:
  order: 1000000
  selector: all()
  tier: default
  types:
  - Ingress
`,
  );
  r = await get('policy', 'np-b', '-n', 'prod', '-o', 'yaml', '--export');
  assert.equal(r.stdout, 'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata:\n  labels:\n    projectcalico.org/tier: default\n  name: np-b\nspec:\n  order: 1000000\n  selector: all()\n  tier: default\n  types:\n  - Ingress\n');
  r = await get('policy', '-n', 'prod', '-o', 'yaml', '--export');
  assert.match(r.stdout, /^apiVersion: projectcalico.org\/v3\nitems:\n- apiVersion: projectcalico.org\/v3\n  kind: NetworkPolicy\n  metadata:\n    creationTimestamp: "2026-01-01T00:00:00Z"\n/);
  assert.match(r.stdout, /\n    namespace: prod\n    resourceVersion: "\d+"\n    uid: uid-np-b\n/);
  r = await get('ippool', 'missing', '-o', 'yaml');
  assert.deepEqual(r, {code: 1, stdout: 'null\n', stderr: 'resource does not exist: IPPool(missing) with error: <nil>\n'});
  r = await get('ippool', 'missing', '-o', 'json');
  assert.deepEqual(r, {code: 1, stdout: 'null', stderr: 'resource does not exist: IPPool(missing) with error: <nil>\n'});
});

test('json: list object in Go field order, Go escaping, no trailing newline; several names give an array', async () => {
  const rev = await revision();
  const rv = await modRevision(`${PREFIX}/networkpolicies/default/np-a`);
  let r = await get('policy', '-o', 'json');
  assert.equal(r.code, 0);
  assert.equal(
    r.stdout,
    `{
  "kind": "NetworkPolicyList",
  "apiVersion": "projectcalico.org/v3",
  "metadata": {
    "resourceVersion": "${rev}"
  },
  "items": [
    {
      "kind": "NetworkPolicy",
      "apiVersion": "projectcalico.org/v3",
      "metadata": {
        "name": "np-a",
        "namespace": "default",
        "uid": "uid-np-a",
        "resourceVersion": "${rv}",
        "creationTimestamp": "2026-01-01T00:00:00Z",
        "labels": {
          "projectcalico.org/tier": "default"
        }
      },
      "spec": {
        "tier": "default",
        "order": 100,
        "selector": "app == 'a' \\u0026\\u0026 tier != 'db'",
        "types": [
          "Ingress"
        ]
      }
    }
  ]
}`,
  );
  r = await get('ippool', 'ippool-name1', 'ippool-name2', '-o', 'json');
  const parsed = JSON.parse(r.stdout);
  assert.ok(Array.isArray(parsed));
  assert.deepEqual(parsed.map((p) => p.metadata.name), ['ippool-name1', 'ippool-name2']);
  assert.ok(!r.stdout.endsWith('\n'));
});

test('tiers are listed by order (stable); node ASN falls back to the BGPConfiguration AS number', async () => {
  let r = await get('tiers');
  // The datastore's read defaults give a tier without order the default 1e6; the sort keeps key order for ties.
  assert.equal(r.stdout, 'NAME            ORDER   \nkube-admin      1000    \ndefault         1e+06   \nunordered       1e+06   \nkube-baseline   1e+07   \n\n');
  r = await get('nodes', '-o', 'wide');
  assert.equal(r.stdout, 'NAME    ASN       IPV4          IPV6         \nnode1   (64513)   10.0.0.1/24                \nnode2   65001                   fd00::1/64   \n\n');
  r = await get('bgpconfig');
  assert.equal(r.stdout, 'NAME      LOGSEVERITY   MESHENABLED   ASNUMBER   \ndefault                 false         64513      \n\n');
});

test('go-template and go-template-file', async () => {
  let r = await get('ippool', '-o', 'go-template={{range .}}{{range .Items}}{{.ObjectMeta.Name}}={{.Spec.CIDR}},{{end}}{{end}}');
  assert.deepEqual(r, {code: 0, stdout: 'ippool-name1=10.0.1.0/24,ippool-name2=fed0:8001::/64,', stderr: ''});
  r = await get('ippool', 'ippool-name1', 'ippool-name2', '-o', 'go-template={{range .}}{{.Metadata.Name}} {{end}}{{len .}}');
  assert.equal(r.stdout, 'ippool-name1 ippool-name2 2');
  const file = join(tmp, 'nodes.tmpl');
  writeFileSync(file, '{{- range (index . 0).Items}}\n{{.ObjectMeta.Name}}: {{with .Spec.BGP.ASNumber}}{{.}}{{else}}{{config "asnumber"}}{{end}}\n{{- end}}\n');
  r = await get('nodes', '-o', `go-template-file=${file}`);
  assert.deepEqual(r, {code: 0, stdout: '\nnode1: 64513\nnode2: 65001\n', stderr: ''});
  r = await get('nodes', '-o', `go-template-file=${join(tmp, 'absent.tmpl')}`);
  assert.deepEqual(r, {code: 1, stdout: '', stderr: `open ${join(tmp, 'absent.tmpl')}: no such file or directory\n`});
  r = await get('nodes', '-o', 'go-template={{template "x"}}');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^template: get:1: \{\{template\}\} is not supported by this calicoctl/);
});

test('errors before any datastore access: output format, usage, unknown kind, empty name', async () => {
  const unreachable = {ETCD_ENDPOINTS: 'http://127.0.0.1:9'};
  for (const [args, err] of [
    [['-o', 'xml', 'ippool'], "unrecognized output format 'xml'"],
    [['-o', 'go-template=', 'ippool'], 'need to specify a template'],
    [['-o', 'go-template-file=', 'ippool'], 'need to specify a template file'],
    [['-o', 'custom-columns=', 'ippool'], 'need to specify at least one column'],
  ]) {
    const r = await runCli(['get', ...args], {env: unreachable});
    assert.deepEqual(r, {code: 1, stdout: '', stderr: `${err}\n`}, args.join(' '));
  }
  let r = await get('bogus');
  assert.deepEqual(r, {code: 1, stdout: '', stderr: "failed to get resources: resource type 'bogus' is not supported\n"});
  r = await get('ippool', '');
  assert.deepEqual(r, {code: 1, stdout: '', stderr: 'failed to get resources: resource name may not be empty\n'});
  r = await runCli(['get'], {env});
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^Usage:\n  calicoctl get \( \(<KIND> \[<NAME>\.\.\.\]\) \|/);
});

test('version mismatch is reported with the get prefix and can be overridden', async () => {
  const key = `${PREFIX}/clusterinformations/default`;
  await put(key, {kind: 'ClusterInformation', apiVersion: 'projectcalico.org/v3', metadata: meta('default'), spec: {clusterGUID: 'abc', calicoVersion: 'v3.1.0', datastoreReady: true}});
  try {
    let r = await get('ippool');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^failed to get resources: version mismatch\.\nClient Version: {3}v\S+\nCluster Version: {2}3\.1\.0\nUse --allow-version-mismatch to override\n$/);
    r = await get('clusterinfo', '--allow-version-mismatch');
    assert.equal(r.stdout, 'NAME      CLUSTERGUID   CLUSTERTYPE   CALICOVERSION   DATASTOREREADY   \ndefault   abc                         v3.1.0          true             \n\n');
  } finally {
    await del(key);
  }
});

test('-f: one table per resource in the file, lists expanded, namespace rules, empty input', async () => {
  const file = join(tmp, 'res.yaml');
  writeFileSync(
    file,
    `apiVersion: projectcalico.org/v3
kind: IPPool
metadata:
  name: ippool-name2
---
apiVersion: projectcalico.org/v3
kind: NetworkPolicyList
items:
- apiVersion: projectcalico.org/v3
  kind: NetworkPolicy
  metadata:
    name: np-b
    namespace: prod
- apiVersion: projectcalico.org/v3
  kind: NetworkPolicy
  metadata:
    name: np-a
`,
  );
  let r = await get('-f', file);
  assert.deepEqual(r, {
    code: 0,
    stdout: 'NAME           CIDR             SELECTOR   \nippool-name2   fed0:8001::/64   all()      \n\n' + 'NAME   TIER      \nnp-b   default   \n\n' + 'NAME   TIER      \nnp-a   default   \n\n',
    stderr: '',
  });
  r = await get('-f', file, '-n', 'other', '-o', 'custom-columns=NAME');
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, 'IPPool is not namespaced\nresource namespace does not match client namespace. prod != other\nresource does not exist: NetworkPolicy(other/np-a) with error: <nil>\n');
  r = await runCli(['get', '-f', '-', '-o', 'go-template={{range .}}{{.ObjectMeta.Name}}{{end}}'], {env, input: '{"apiVersion":"projectcalico.org/v3","kind":"Tier","metadata":{"name":"kube-admin"}}'});
  assert.deepEqual(r, {code: 0, stdout: 'kube-admin', stderr: ''});
  const empty = join(tmp, 'empty.yaml');
  writeFileSync(empty, '# nothing\n');
  r = await get('-f', empty);
  assert.deepEqual(r, {code: 1, stdout: '', stderr: `failed to get resources: no resources specified in file ${empty}\n`});
  r = await get('-f', empty, '--skip-empty', '-o', 'yaml');
  assert.deepEqual(r, {code: 0, stdout: 'null\n', stderr: ''});
  r = await get('-f', join(tmp, 'absent.yaml'));
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^failed to execute command: /);
  r = await get('ippool', '-f', file);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^Usage:/);
});
