// Semantic rules of the policy family: helper behaviour (numorstring, names, IPs, MACs) and the verdicts
// of schema + rules on the fixtures, which follow Calico v3.32's validator and CRD rules.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import * as validators from '../../dist/generated/validators.js';
import {
  checkRule,
  decodeProtocol,
  isMAC,
  isStrictNet,
  parsePort,
  portNameErrors,
  protocolSupportsPorts,
} from '../../dist/lib/validation/rules/common.js';
import {metadataIssues, nameIssues} from '../../dist/lib/validation/names.js';
import {loadFixtureDocs} from '../fixtures/policy/load.mjs';

const KINDS = ['GlobalNetworkPolicy', 'NetworkPolicy', 'StagedGlobalNetworkPolicy', 'StagedNetworkPolicy',
  'StagedKubernetesNetworkPolicy', 'Tier', 'Profile', 'GlobalNetworkSet', 'NetworkSet', 'HostEndpoint', 'WorkloadEndpoint'];
// The kinds' own modules, not the rules index, so other kinds' work in progress cannot break this test.
const RULES = Object.fromEntries(
  await Promise.all(
    KINDS.map(async (k) => [k, (await import(`../../dist/lib/validation/rules/${k.toLowerCase()}.js`)).rules]),
  ),
);

/** Schema errors (as text), or name, metadata and semantic issues of one resource; empty when valid. */
function problems(doc) {
  const schema = validators[doc.kind];
  if (!schema(doc)) return schema.errors.map((e) => `${e.instancePath} ${e.message}`);
  const issues = [...nameIssues(doc.kind, doc.metadata?.name ?? ''), ...metadataIssues(doc.metadata), ...RULES[doc.kind](doc)];
  return issues.map((i) => `${i.path}: ${i.message}`);
}

test('ports decode as numorstring.Port does', () => {
  assert.deepEqual(parsePort(80), {minPort: 80, maxPort: 80, portName: ''});
  assert.deepEqual(parsePort('80:90'), {minPort: 80, maxPort: 90, portName: ''});
  assert.deepEqual(parsePort('http-alt_1.x'), {minPort: 0, maxPort: 0, portName: 'http-alt_1.x'});
  assert.deepEqual(parsePort('80-90'), {minPort: 0, maxPort: 0, portName: '80-90'});
  assert.equal(parsePort('65536'), 'invalid port format (65536)');
  assert.equal(parsePort('1:65536'), 'invalid maximum port number in range (1:65536)');
  assert.equal(parsePort('99999:1'), 'invalid minimum port number in range (99999:1)');
  assert.equal(parsePort('a b'), 'invalid name for named port (a b)');
  assert.equal(parsePort('x'.repeat(129)), `invalid name for named port (${'x'.repeat(129)})`);
});

test('protocols decode as numorstring.Protocol does', () => {
  assert.deepEqual(decodeProtocol('6'), {num: 6});
  assert.deepEqual(decodeProtocol('006'), {num: 6});
  assert.deepEqual(decodeProtocol('256'), {name: '256'});
  assert.deepEqual(decodeProtocol('+6'), {name: '+6'});
  assert.ok(protocolSupportsPorts({num: 132}));
  assert.ok(protocolSupportsPorts({name: 'SCTP'}));
  assert.ok(!protocolSupportsPorts({name: 'UDPLite'}));
  assert.ok(!protocolSupportsPorts({num: 136}));
});

test('Kubernetes port-name format', () => {
  assert.deepEqual(portNameErrors('http'), []);
  assert.ok(portNameErrors('1234').includes('must contain at least one letter (a-z)'));
  assert.ok(portNameErrors('a--b').includes('must not contain consecutive hyphens'));
  assert.ok(portNameErrors('abcdefghijklmnop').includes('must be no more than 15 characters'));
});

test('networks and MAC addresses', () => {
  assert.ok(isStrictNet('10.0.0.0/8'));
  assert.ok(isStrictNet('10.0.0.1'));
  assert.ok(isStrictNet('fd00::/64'));
  assert.ok(!isStrictNet('10.0.0.1/8'));
  assert.ok(!isStrictNet('fd00::1/64'));
  assert.ok(isMAC('00:00:5e:00:53:01'));
  assert.ok(isMAC('00-00-5E-00-53-01'));
  assert.ok(isMAC('0000.5e00.5301'));
  assert.ok(isMAC('02:00:5e:10:00:00:00:01'));
  assert.ok(!isMAC('00:00:5e:00:53'));
  assert.ok(!isMAC('00:00:5e:00:53:0g'));
  assert.ok(!isMAC('0000:5e00:5301'));
});

test('checkRule reports with field paths', () => {
  const out = [];
  checkRule({action: 'Allow', protocol: 'ICMP', destination: {ports: [80]}}, 'spec.ingress[2]', out);
  assert.deepEqual(out, [{path: 'spec.ingress[2].destination.ports', message: 'rules that specify ports must set protocol to TCP or UDP or SCTP'}]);
});

test('valid fixtures have no problems', () => {
  for (const {doc, line} of loadFixtureDocs('valid.yaml')) {
    assert.deepEqual(problems(doc), [], `valid.yaml:${line} ${doc.kind} ${doc.metadata?.name}`);
  }
});

test('invalid fixtures fail with the expected reason', () => {
  const docs = loadFixtureDocs('invalid.yaml');
  assert.ok(docs.length > 80);
  for (const {doc, line, expect} of docs) {
    const found = problems(doc);
    const where = `invalid.yaml:${line} ${doc.kind} ${doc.metadata?.name}`;
    assert.ok(found.length > 0, `${where} should be invalid`);
    assert.ok(expect, `${where} needs an # expect: line`);
    assert.ok(found.some((p) => p.includes(expect)), `${where}: expected "${expect}" in ${JSON.stringify(found)}`);
  }
});

test('bundled examples of the policy family have no problems', () => {
  for (const kind of KINDS) {
    for (const {doc, line} of loadFixtureDocs(new URL(`../../examples/${kind.toLowerCase()}.yaml`, import.meta.url))) {
      assert.deepEqual(problems(doc), [], `${kind} example at line ${line}`);
    }
  }
});

test('CRD-only checks are exported separately (calicoctl applies them when writing, not in validate)', async () => {
  const tier = await import('../../dist/lib/validation/rules/tier.js');
  const res = (name, spec) => ({apiVersion: 'projectcalico.org/v3', kind: 'Tier', metadata: {name}, spec});
  assert.deepEqual(tier.rules(res('kube-admin', {order: 1000})), []);
  assert.deepEqual(tier.crdRules(res('kube-admin', {order: 1000})).map((i) => i.message), [
    "The 'kube-admin' tier must have default action 'Pass'",
  ]);
  assert.deepEqual(tier.crdRules(res('default', {order: 1e6})), []);
  assert.deepEqual(tier.crdRules(res('mine', {defaultAction: 'Pass'})), []);

  const gnp = await import('../../dist/lib/validation/rules/globalnetworkpolicy.js');
  const methods = Array.from({length: 21}, (_, i) => `M${i}`);
  const policy = {apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkPolicy', metadata: {name: 'p'},
    spec: {ingress: [{action: 'Allow', http: {methods, paths: [{prefix: `/${'a'.repeat(1024)}`}]}}]}};
  assert.deepEqual(gnp.rules(policy), []);
  assert.deepEqual(gnp.crdRules(policy).map((i) => i.path), ['spec.ingress[0].http.methods', 'spec.ingress[0].http.paths[0].prefix']);

  const sknp = await import('../../dist/lib/validation/rules/stagedkubernetesnetworkpolicy.js');
  assert.equal(sknp.crdRules({spec: {policyTypes: ['Ingress', 'Egress', 'Ingress']}}).length, 1);
  const hep = await import('../../dist/lib/validation/rules/hostendpoint.js');
  assert.equal(hep.crdRules({spec: {node: 'n'.repeat(254)}}).length, 1);
});
