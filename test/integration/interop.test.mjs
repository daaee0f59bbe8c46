// Data written by older Calico (3.13, 3.29/3.30 shapes) is read, replaced and deleted correctly, and
// what we write keeps the shapes older readers understand.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {R, normalise, useEtcd} from './datastore-helpers.mjs';

const ctx = useEtcd();

const V313_POLICY = `{"kind":"NetworkPolicy","apiVersion":"projectcalico.org/v3","metadata":{"name":"default.allow-tcp-6379","namespace":"production","uid":"6f1c8c1e-0000-4000-8000-000000000001","creationTimestamp":"2020-01-01T00:00:00Z"},"spec":{"ingress":[{"action":"Allow","protocol":"TCP","source":{"selector":"role == 'frontend'"},"destination":{"ports":[6379]}}],"egress":[{"action":"Allow","source":{},"destination":{}}],"selector":"role == 'database'","types":["Ingress","Egress"]}}`;
const V330_GNP = `{"kind":"GlobalNetworkPolicy","apiVersion":"projectcalico.org/v3","metadata":{"name":"default.deny-all","uid":"6f1c8c1e-0000-4000-8000-000000000002","creationTimestamp":"2024-01-01T00:00:00Z","annotations":{"projectcalico.org/metadata":"{\\"name\\":\\"deny-all\\"}"}},"spec":{"selector":"all()","types":["Ingress"]}}`;
const V313_POOL = `{"kind":"IPPool","apiVersion":"projectcalico.org/v3","metadata":{"name":"old-pool","uid":"6f1c8c1e-0000-4000-8000-000000000003","creationTimestamp":"2020-01-01T00:00:00Z"},"spec":{"cidr":"10.5.0.0/16","vxlanMode":"Never","ipipMode":"Always","natOutgoing":true,"blockSize":26,"nodeSelector":"all()"}}`;
// 3.29.0-3.29.3: non-default tiers prefix the name and set the tier label, no name annotation.
const V329_TIERED = `{"kind":"GlobalNetworkPolicy","apiVersion":"projectcalico.org/v3","metadata":{"name":"security.allow-dns","uid":"6f1c8c1e-0000-4000-8000-000000000005","creationTimestamp":"2024-06-01T00:00:00Z","labels":{"projectcalico.org/tier":"security"}},"spec":{"tier":"security","order":10,"selector":"all()","types":["Egress"],"egress":[{"action":"Allow","protocol":"UDP","destination":{"ports":[53]}}]}}`;
const V313_CLUSTERINFO = `{"kind":"ClusterInformation","apiVersion":"projectcalico.org/v3","metadata":{"name":"default","uid":"6f1c8c1e-0000-4000-8000-000000000004","creationTimestamp":"2020-01-01T00:00:00Z"},"spec":{"clusterGUID":"0123456789abcdef0123456789abcdef","clusterType":"k8s,bgp","datastoreReady":null}}`;

test('seed values shaped as Calico 3.13 and 3.30 wrote them', async () => {
  await ctx.put(`${R}networkpolicies/production/default.allow-tcp-6379`, V313_POLICY);
  await ctx.put(`${R}globalnetworkpolicies/default.deny-all`, V330_GNP);
  await ctx.put(`${R}ippools/old-pool`, V313_POOL);
  await ctx.put(`${R}clusterinformations/default`, V313_CLUSTERINFO);
  await ctx.put(`${R}globalnetworkpolicies/security.allow-dns`, V329_TIERED);
  await ctx.put(`${R}tiers/security`, '{"kind":"Tier","apiVersion":"projectcalico.org/v3","metadata":{"name":"security","uid":"6f1c8c1e-0000-4000-8000-000000000006","creationTimestamp":"2024-06-01T00:00:00Z"},"spec":{"order":100}}');
});

test('get shows old default-tier policies by their short name, and IPPool read defaults', async () => {
  const r = await ctx.cli(['get', 'gnp', '-o', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const list = JSON.parse(r.stdout);
  assert.deepEqual(list.items.map((i) => i.metadata.name), ['deny-all', 'security.allow-dns']);
  assert.equal(list.items[0].metadata.annotations, undefined);
  assert.deepEqual(list.items[1].metadata.labels, {'projectcalico.org/tier': 'security'});
  const p = JSON.parse((await ctx.cli(['get', 'ippool', 'old-pool', '-o', 'json'])).stdout);
  assert.deepEqual(p.spec.allowedUses, ['Workload', 'Tunnel']);
  assert.equal(p.spec.assignmentMode, 'Automatic');
  const one = await ctx.cli(['get', 'networkpolicy', 'allow-tcp-6379', '-n', 'production', '-o', 'json']);
  assert.equal(one.code, 0, one.stderr);
  assert.equal(JSON.parse(one.stdout).metadata.name, 'allow-tcp-6379');
});

test('EnsureInitialized completes an old ClusterInformation without touching its GUID', async () => {
  const r = await ctx.cli(['apply', '-f', ctx.file('t.yaml', 'apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata: {name: t1}\nspec: {order: 1}\n')]);
  assert.equal(r.code, 0, r.stderr);
  const ci = JSON.parse((await ctx.get(`${R}clusterinformations/default`)).value);
  assert.deepEqual(ci.spec, {clusterGUID: '0123456789abcdef0123456789abcdef', clusterType: 'k8s,bgp', datastoreReady: true});
  assert.equal(ci.metadata.uid, '6f1c8c1e-0000-4000-8000-000000000004');
});

test('replace by short name updates the old key in place, keeping uid and creationTimestamp', async () => {
  const yaml = `apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: allow-tcp-6379, namespace: production}
spec:
  selector: role == 'database'
  ingress:
  - action: Allow
    protocol: TCP
    source: {selector: role == 'frontend'}
    destination: {ports: [6380]}
`;
  const r = await ctx.cli(['replace', '-f', ctx.file('np.yaml', yaml)]);
  assert.equal(r.stderr, '');
  assert.equal(r.stdout, "Successfully replaced 1 'NetworkPolicy' resource(s)\n");
  const keys = (await ctx.list(`${R}networkpolicies/`)).map((kv) => kv.key);
  assert.deepEqual(keys, [`${R}networkpolicies/production/default.allow-tcp-6379`]);
  const stored = (await ctx.get(keys[0])).value;
  assert.equal(
    stored,
    `{"kind":"NetworkPolicy","apiVersion":"projectcalico.org/v3","metadata":{"name":"default.allow-tcp-6379","namespace":"production","uid":"6f1c8c1e-0000-4000-8000-000000000001","creationTimestamp":"2020-01-01T00:00:00Z","labels":{"projectcalico.org/tier":"default"},"annotations":{"projectcalico.org/metadata":"{\\"name\\":\\"allow-tcp-6379\\"}"}},"spec":{"tier":"default","ingress":[{"action":"Allow","protocol":"TCP","source":{"selector":"role == 'frontend'"},"destination":{"ports":[6380]}}],"selector":"role == 'database'","types":["Ingress"]}}`,
  );
});

test('delete by short name removes the old default.<name> key; an old pool can be replaced', async () => {
  const r = await ctx.cli(['delete', 'gnp', 'deny-all']);
  assert.equal(r.stdout, "Successfully deleted 1 'GlobalNetworkPolicy' resource(s)\n");
  assert.equal(await ctx.get(`${R}globalnetworkpolicies/default.deny-all`), undefined);
  const np = await ctx.cli(['delete', 'networkpolicy', 'allow-tcp-6379', '-n', 'production']);
  assert.equal(np.code, 0, np.stderr);
  assert.deepEqual(await ctx.list(`${R}networkpolicies/`), []);
  const pool = await ctx.cli(['replace', '-f', ctx.file('pool.yaml', 'apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata: {name: old-pool}\nspec: {cidr: 10.5.0.0/16, ipipMode: Always, natOutgoing: true}\n')]);
  assert.equal(pool.code, 0, pool.stderr);
  assert.equal(
    normalise((await ctx.get(`${R}ippools/old-pool`)).value),
    '{"kind":"IPPool","apiVersion":"projectcalico.org/v3","metadata":{"name":"old-pool","uid":"<UID>","creationTimestamp":"<TS>"},"spec":{"cidr":"10.5.0.0/16","vxlanMode":"Never","ipipMode":"Always","natOutgoing":true,"blockSize":26,"nodeSelector":"all()","allowedUses":["Workload","Tunnel"],"assignmentMode":"Automatic"}}',
  );
});

test('a 3.29 tiered policy keeps its name through apply and delete', async () => {
  const yaml = 'apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata: {name: security.allow-dns}\nspec:\n  tier: security\n  order: 20\n  egress:\n  - action: Allow\n';
  const r = await ctx.cli(['apply', '-f', ctx.file('tiered.yaml', yaml)]);
  assert.equal(r.stdout, "Successfully applied 1 'GlobalNetworkPolicy' resource(s)\n", r.stderr);
  const stored = JSON.parse((await ctx.get(`${R}globalnetworkpolicies/security.allow-dns`)).value);
  assert.equal(stored.metadata.uid, '6f1c8c1e-0000-4000-8000-000000000005');
  assert.deepEqual(stored.metadata.annotations, {'projectcalico.org/metadata': '{"name":"security.allow-dns"}'});
  assert.equal(stored.spec.order, 20);
  const d = await ctx.cli(['delete', 'gnp', 'security.allow-dns']);
  assert.equal(d.stdout, "Successfully deleted 1 'GlobalNetworkPolicy' resource(s)\n");
});

test('a cluster running another Calico version is refused unless --allow-version-mismatch', async () => {
  const ci = JSON.parse((await ctx.get(`${R}clusterinformations/default`)).value);
  ci.spec.calicoVersion = 'v3.13.4';
  await ctx.put(`${R}clusterinformations/default`, JSON.stringify(ci));
  const f = ctx.file('gns.yaml', 'apiVersion: projectcalico.org/v3\nkind: GlobalNetworkSet\nmetadata: {name: g}\nspec: {nets: [10.0.0.0/8]}\n');
  const r = await ctx.cli(['apply', '-f', f]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^version mismatch\.\nClient Version: {3}v\d+\.\d+\.\d+\nCluster Version: {2}3\.13\.4\nUse --allow-version-mismatch to override\n$/);
  const ok = await ctx.cli(['--allow-version-mismatch', 'apply', '-f', f]);
  assert.equal(ok.stdout, "Successfully applied 1 'GlobalNetworkSet' resource(s)\n");
});
