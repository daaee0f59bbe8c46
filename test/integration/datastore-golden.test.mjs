// Values written to etcd must be byte-identical to what Calico 3.32 writes (golden examples G1-G17 of
// the datastore reference), ignoring only uid, creationTimestamp and the cluster GUID.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {normalise, R, useEtcd} from './datastore-helpers.mjs';

const ctx = useEtcd();

const MANIFEST = `
apiVersion: projectcalico.org/v3
kind: IPPool
metadata: {name: pool-a}
spec: {cidr: 10.244.0.0/16, ipipMode: Always, natOutgoing: true}
---
apiVersion: projectcalico.org/v3
kind: IPPool
metadata: {name: pool-v6}
spec: {cidr: "fd00:10:244:0::/64"}
---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: allow-tcp-6379, namespace: production}
spec:
  selector: role == 'database'
  ingress:
  - action: Allow
    protocol: TCP
    source: {selector: role == 'frontend'}
    destination: {ports: [6379]}
  egress:
  - action: Allow
---
apiVersion: projectcalico.org/v3
kind: Tier
metadata: {name: security}
spec: {order: 100}
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: {name: security.block-bad-nets}
spec:
  tier: security
  order: 10
  selector: all()
  ingress:
  - action: Deny
    source: {nets: [203.0.113.0/24]}
---
apiVersion: projectcalico.org/v3
kind: FelixConfiguration
metadata: {name: default}
spec: {logSeverityScreen: Info, ipipEnabled: true}
---
apiVersion: projectcalico.org/v3
kind: BGPConfiguration
metadata: {name: default}
spec: {nodeToNodeMeshEnabled: false, asNumber: 64512}
---
apiVersion: projectcalico.org/v3
kind: BGPPeer
metadata: {name: rack1-tor}
spec: {peerIP: 192.0.2.1, asNumber: 64567}
---
apiVersion: projectcalico.org/v3
kind: HostEndpoint
metadata:
  name: node1-eth0
  labels: {role: k8s-worker}
spec:
  node: node1
  interfaceName: eth0
  expectedIPs: [192.168.1.10]
  profiles: [projectcalico-default-allow]
  ports:
  - name: https
    port: 443
    protocol: TCP
---
apiVersion: projectcalico.org/v3
kind: NetworkSet
metadata:
  name: partners
  namespace: production
  labels: {role: partner}
spec: {nets: [198.51.100.0/24]}
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkSet
metadata: {name: public-dns}
spec: {nets: [8.8.8.8/32, 1.1.1.1/32]}
---
apiVersion: projectcalico.org/v3
kind: IPReservation
metadata: {name: reserve-first}
spec: {reservedCIDRs: [10.244.0.0/30]}
---
apiVersion: projectcalico.org/v3
kind: KubeControllersConfiguration
metadata: {name: default}
spec:
  controllers:
    node: {reconcilerPeriod: 5m, syncLabels: Enabled}
    policy: {}
---
apiVersion: projectcalico.org/v3
kind: Profile
metadata: {name: dev-tools}
spec:
  ingress:
  - action: Allow
    source: {selector: app == 'tools'}
  egress:
  - action: Allow
  labelsToApply: {env: dev}
---
apiVersion: projectcalico.org/v3
kind: WorkloadEndpoint
metadata:
  namespace: default
  labels: {app: web}
spec:
  node: node1
  orchestrator: k8s
  pod: web-1
  endpoint: eth0
  interfaceName: cali0123456789a
  ipNetworks: [10.244.97.5/32]
  profiles: [kns.default]
---
apiVersion: projectcalico.org/v3
kind: Node
metadata: {name: node1}
spec:
  bgp: {ipv4Address: 10.0.0.1/24}
`;

const META = (name, extra = '') => `"metadata":{"name":"${name}",${extra}"uid":"<UID>","creationTimestamp":"<TS>"`;
const GOLDEN = {
  'ippools/pool-a': `{"kind":"IPPool","apiVersion":"projectcalico.org/v3",${META('pool-a')}},"spec":{"cidr":"10.244.0.0/16","vxlanMode":"Never","ipipMode":"Always","natOutgoing":true,"blockSize":26,"nodeSelector":"all()","allowedUses":["Workload","Tunnel"],"assignmentMode":"Automatic"}}`,
  'ippools/pool-v6': `{"kind":"IPPool","apiVersion":"projectcalico.org/v3",${META('pool-v6')}},"spec":{"cidr":"fd00:10:244::/64","vxlanMode":"Never","ipipMode":"Never","blockSize":122,"nodeSelector":"all()","allowedUses":["Workload","Tunnel"],"assignmentMode":"Automatic"}}`,
  'networkpolicies/production/allow-tcp-6379': `{"kind":"NetworkPolicy","apiVersion":"projectcalico.org/v3",${META('allow-tcp-6379', '"namespace":"production",')},"labels":{"projectcalico.org/tier":"default"},"annotations":{"projectcalico.org/metadata":"{\\"name\\":\\"allow-tcp-6379\\"}"}},"spec":{"tier":"default","ingress":[{"action":"Allow","protocol":"TCP","source":{"selector":"role == 'frontend'"},"destination":{"ports":[6379]}}],"egress":[{"action":"Allow"}],"selector":"role == 'database'","types":["Ingress","Egress"]}}`,
  'tiers/security': `{"kind":"Tier","apiVersion":"projectcalico.org/v3",${META('security')}},"spec":{"order":100,"defaultAction":"Deny"},"status":{}}`,
  'globalnetworkpolicies/security.block-bad-nets': `{"kind":"GlobalNetworkPolicy","apiVersion":"projectcalico.org/v3",${META('security.block-bad-nets')},"labels":{"projectcalico.org/tier":"security"},"annotations":{"projectcalico.org/metadata":"{\\"name\\":\\"security.block-bad-nets\\"}"}},"spec":{"tier":"security","order":10,"ingress":[{"action":"Deny","source":{"nets":["203.0.113.0/24"]}}],"selector":"all()","types":["Ingress"]}}`,
  'clusterinformations/default': `{"kind":"ClusterInformation","apiVersion":"projectcalico.org/v3",${META('default')}},"spec":{"clusterGUID":"<32 hex>","datastoreReady":true}}`,
  'tiers/default': `{"kind":"Tier","apiVersion":"projectcalico.org/v3",${META('default')}},"spec":{"order":1000000,"defaultAction":"Deny"},"status":{}}`,
  'tiers/kube-admin': `{"kind":"Tier","apiVersion":"projectcalico.org/v3",${META('kube-admin')}},"spec":{"order":1000,"defaultAction":"Pass"},"status":{}}`,
  'tiers/kube-baseline': `{"kind":"Tier","apiVersion":"projectcalico.org/v3",${META('kube-baseline')}},"spec":{"order":10000000,"defaultAction":"Pass"},"status":{}}`,
  'felixconfigurations/default': `{"kind":"FelixConfiguration","apiVersion":"projectcalico.org/v3",${META('default')}},"spec":{"logSeverityScreen":"Info","ipipEnabled":true,"nftablesMode":"Auto","bpfLogLevel":"","bpfConnectTimeLoadBalancing":"TCP","bpfHostNetworkedNATWithoutCTLB":"Enabled","floatingIPs":"Disabled"}}`,
  'bgpconfigurations/default': `{"kind":"BGPConfiguration","apiVersion":"projectcalico.org/v3",${META('default')}},"spec":{"logSeverityScreen":"Info","nodeToNodeMeshEnabled":false,"asNumber":64512,"serviceLoadBalancerAggregation":"Enabled"}}`,
  'bgppeers/rack1-tor': `{"kind":"BGPPeer","apiVersion":"projectcalico.org/v3",${META('rack1-tor')}},"spec":{"peerIP":"192.0.2.1","asNumber":64567}}`,
  'hostendpoints/node1-eth0': `{"kind":"HostEndpoint","apiVersion":"projectcalico.org/v3",${META('node1-eth0')},"labels":{"role":"k8s-worker"}},"spec":{"node":"node1","interfaceName":"eth0","expectedIPs":["192.168.1.10"],"profiles":["projectcalico-default-allow"],"ports":[{"name":"https","protocol":"TCP","port":443}]}}`,
  'networksets/production/partners': `{"kind":"NetworkSet","apiVersion":"projectcalico.org/v3",${META('partners', '"namespace":"production",')},"labels":{"role":"partner"}},"spec":{"nets":["198.51.100.0/24"]}}`,
  'globalnetworksets/public-dns': `{"kind":"GlobalNetworkSet","apiVersion":"projectcalico.org/v3",${META('public-dns')}},"spec":{"nets":["8.8.8.8/32","1.1.1.1/32"]}}`,
  'ipreservations/reserve-first': `{"kind":"IPReservation","apiVersion":"projectcalico.org/v3",${META('reserve-first')}},"spec":{"reservedCIDRs":["10.244.0.0/30"]}}`,
  'kubecontrollersconfigurations/default': `{"kind":"KubeControllersConfiguration","apiVersion":"projectcalico.org/v3",${META('default')}},"spec":{"healthChecks":"Enabled","prometheusMetricsPort":9094,"controllers":{"node":{"reconcilerPeriod":"5m0s","syncLabels":"Enabled","leakGracePeriod":"15m0s"},"policy":{}}},"status":{}}`,
  'profiles/dev-tools': `{"kind":"Profile","apiVersion":"projectcalico.org/v3",${META('dev-tools')}},"spec":{"ingress":[{"action":"Allow","source":{"selector":"app == 'tools'"}}],"egress":[{"action":"Allow"}],"labelsToApply":{"env":"dev"}}}`,
  'workloadendpoints/default/node1-k8s-web--1-eth0': `{"kind":"WorkloadEndpoint","apiVersion":"projectcalico.org/v3",${META('node1-k8s-web--1-eth0', '"namespace":"default",')},"labels":{"app":"web","projectcalico.org/namespace":"default","projectcalico.org/orchestrator":"k8s"}},"spec":{"orchestrator":"k8s","node":"node1","pod":"web-1","endpoint":"eth0","ipNetworks":["10.244.97.5/32"],"profiles":["kns.default"],"interfaceName":"cali0123456789a"}}`,
  'nodes/node1': `{"kind":"Node","apiVersion":"projectcalico.org/v3",${META('node1')}},"spec":{"bgp":{"ipv4Address":"10.0.0.1/24"}},"status":{}}`,
};

test('apply writes every golden example byte for byte (plus ClusterInformation and the built-in tiers)', async () => {
  const r = await ctx.cli(['apply', '-f', ctx.file('golden.yaml', MANIFEST)]);
  assert.equal(r.stderr, '');
  assert.equal(r.stdout, 'Successfully applied 16 resource(s)\n');
  assert.equal(r.code, 0);
  const stored = Object.fromEntries((await ctx.list(R)).map((kv) => [kv.key.slice(R.length), normalise(kv.value)]));
  assert.deepEqual(Object.keys(stored).sort(), Object.keys(GOLDEN).sort());
  for (const [key, value] of Object.entries(GOLDEN)) assert.equal(stored[key], value, key);
});

test('apply of an unchanged file keeps uid and creationTimestamp and bumps the revision', async () => {
  const before = await ctx.get(`${R}ippools/pool-a`);
  const r = await ctx.cli(['apply', '-f', ctx.file('golden.yaml', MANIFEST)]);
  assert.equal(r.code, 0, r.stderr);
  const after = await ctx.get(`${R}ippools/pool-a`);
  assert.equal(after.value, before.value);
  assert.ok(Number(after.modRevision) > Number(before.modRevision));
});
