import {test} from 'node:test';
import assert from 'node:assert/strict';
import {applyWriteDefaults, defaultAndCheckIPPool, formatGoDuration, parseGoDuration, workloadEndpointName} from '../../dist/lib/defaults/index.js';

const res = (kind, spec, metadata = {name: 'x'}) => ({apiVersion: 'projectcalico.org/v3', kind, metadata, spec});

test('Go durations', () => {
  for (const [text, out] of [['5m', '5m0s'], ['90s', '1m30s'], ['1h', '1h0m0s'], ['0', '0s'], ['500ms', '500ms'], ['1.5s', '1.5s'], ['15m0s', '15m0s']]) {
    assert.equal(formatGoDuration(parseGoDuration(text)), out, text);
  }
  assert.equal(parseGoDuration('5 minutes'), undefined);
});

test('policy defaults: types, tier label, CRD tier default', () => {
  const p = applyWriteDefaults(res('GlobalNetworkPolicy', {egress: [{action: 'Allow'}]}, {name: 'x', labels: {'projectcalico.org/tier': 'bogus'}}));
  assert.deepEqual(p.spec.types, ['Egress']);
  assert.equal(p.spec.tier, 'default');
  assert.equal(p.metadata.labels['projectcalico.org/tier'], 'default');
  assert.deepEqual(applyWriteDefaults(res('NetworkPolicy', {})).spec.types, ['Ingress']);
  assert.equal(applyWriteDefaults(res('StagedNetworkPolicy', {})).spec.stagedAction, 'Set');
});

test('Felix, BGP, KubeControllers and Tier defaults', () => {
  const f = applyWriteDefaults(res('FelixConfiguration', {bpfConnectTimeLoadBalancingEnabled: true}));
  assert.equal(f.spec.bpfConnectTimeLoadBalancing, 'Enabled');
  assert.equal(f.spec.bpfHostNetworkedNATWithoutCTLB, 'Disabled');
  assert.equal(f.spec.bpfLogLevel, '');
  assert.equal(applyWriteDefaults(res('BGPConfiguration', {})).spec.logSeverityScreen, 'Info');
  const k = applyWriteDefaults(res('KubeControllersConfiguration', {controllers: {node: {reconcilerPeriod: '90s'}}}, {name: 'default'}));
  assert.deepEqual(k.spec.controllers.node, {reconcilerPeriod: '1m30s', leakGracePeriod: '15m0s'});
  assert.equal(k.spec.prometheusMetricsPort, 9094);
  assert.deepEqual(applyWriteDefaults(res('Tier', {})).spec, {order: 1000000, defaultAction: 'Deny'});
});

test('WorkloadEndpoint names and labels', () => {
  assert.equal(workloadEndpointName({node: 'node1', orchestrator: 'k8s', pod: 'web-1', endpoint: 'eth0'}), 'node1-k8s-web--1-eth0');
  assert.equal(workloadEndpointName({node: 'n', orchestrator: 'libnetwork', endpoint: 'e'}), 'n-libnetwork-libnetwork-e');
  assert.throws(() => workloadEndpointName({node: 'n', orchestrator: 'k8s', endpoint: 'e'}), /error with field pod = '' \(field should be assigned\)/);
  const w = applyWriteDefaults(res('WorkloadEndpoint', {node: 'n', orchestrator: 'cni', containerID: 'c', endpoint: 'e'}, {namespace: 'ns'}));
  assert.equal(w.metadata.name, 'n-cni-c-e');
  assert.deepEqual(w.metadata.labels, {'projectcalico.org/namespace': 'ns', 'projectcalico.org/orchestrator': 'cni'});
  assert.throws(() => applyWriteDefaults(res('WorkloadEndpoint', {node: 'n', orchestrator: 'cni', containerID: 'c', endpoint: 'e'}, {name: 'wrong', namespace: 'ns'})), /expected name n-cni-c-e/);
});

test('IPPool defaults and checks', () => {
  const p = res('IPPool', {cidr: 'fd00:10:244:0::/64'});
  defaultAndCheckIPPool(p);
  assert.deepEqual(p.spec, {cidr: 'fd00:10:244::/64', nodeSelector: 'all()', blockSize: 122, allowedUses: ['Workload', 'Tunnel'], assignmentMode: 'Automatic', ipipMode: 'Never', vxlanMode: 'Never'});
  assert.throws(() => defaultAndCheckIPPool(res('IPPool', {cidr: '10.244.1.5/24'})), /error with field IPPool.Spec.CIDR = '10.244.1.0\/24' \(IPPool CIDR is not strictly masked\)/);
  assert.throws(() => defaultAndCheckIPPool(res('IPPool', {cidr: '10.0.0.0/8'}), undefined, [res('IPPool', {cidr: '10.1.0.0/16'}, {name: 'o'})]), /IPPool\(x\) CIDR overlaps with IPPool\(o\) CIDR 10.1.0.0\/16/);
  assert.throws(() => defaultAndCheckIPPool(res('IPPool', {cidr: '10.0.0.0/8', ipipMode: 'Always', vxlanMode: 'Always'})), /Cannot enable both VXLAN and IPIP/);
});
