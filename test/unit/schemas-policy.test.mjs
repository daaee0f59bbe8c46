// JSON Schemas of the policy family: every schema compiles under the build's strict settings, each kind
// follows the schema conventions, and the fixtures and bundled examples get the expected schema verdicts.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readdirSync, readFileSync} from 'node:fs';
import Ajv from 'ajv';
import * as validators from '../../dist/generated/validators.js';
import {loadFixtureDocs} from '../fixtures/policy/load.mjs';

const schemaDir = new URL('../../schemas/', import.meta.url);
const POLICY_KINDS = [
  'GlobalNetworkPolicy',
  'NetworkPolicy',
  'StagedGlobalNetworkPolicy',
  'StagedNetworkPolicy',
  'StagedKubernetesNetworkPolicy',
  'Tier',
  'Profile',
  'GlobalNetworkSet',
  'NetworkSet',
  'HostEndpoint',
  'WorkloadEndpoint',
];
const readSchema = (file) => JSON.parse(readFileSync(new URL(file, schemaDir), 'utf8'));

test('every schema in schemas/ compiles in strict mode', () => {
  const ajv = new Ajv({allErrors: true, strict: true, allowUnionTypes: true});
  ajv.addVocabulary(['x-calico-kind', 'x-go-name']);
  const files = readdirSync(schemaDir).filter((f) => f.endsWith('.json'));
  for (const f of files) ajv.addSchema(readSchema(f));
  for (const f of files) assert.ok(ajv.getSchema(readSchema(f).$id), f);
});

test('policy-family schemas follow the conventions', () => {
  for (const kind of POLICY_KINDS) {
    const s = readSchema(`${kind.toLowerCase()}.json`);
    assert.equal(s.$id, `${kind.toLowerCase()}.json`);
    assert.equal(s['x-calico-kind'], kind);
    assert.deepEqual(Object.keys(s.properties).slice(0, 4), ['apiVersion', 'kind', 'metadata', 'spec']);
    assert.equal(s.properties.metadata.$ref, 'common.json#/definitions/ObjectMeta');
    assert.equal(s.additionalProperties, false);
    assert.equal(typeof validators[kind], 'function', `precompiled validator for ${kind}`);
  }
});

test('every object schema forbids unknown fields', () => {
  const check = (node, where) => {
    if (!node || typeof node !== 'object') return;
    if (node.type === 'object' && node.properties) assert.equal(node.additionalProperties, false, where);
    for (const [k, v] of Object.entries(node)) check(v, `${where}/${k}`);
  };
  for (const kind of POLICY_KINDS) check(readSchema(`${kind.toLowerCase()}.json`), kind);
  check(readSchema('common.json'), 'common.json');
});

test('rule properties are in Go struct order with Go names where they differ', () => {
  const d = readSchema('common.json').definitions;
  assert.deepEqual(Object.keys(d.Rule.properties), [
    'action', 'ipVersion', 'protocol', 'icmp', 'notProtocol', 'notICMP', 'source', 'destination', 'http', 'metadata',
  ]);
  assert.equal(d.Rule.properties.ipVersion['x-go-name'], 'IPVersion');
  assert.equal(d.Rule.properties.notICMP['x-go-name'], 'NotICMP');
  assert.deepEqual(Object.keys(d.EntityRule.properties), [
    'nets', 'selector', 'namespaceSelector', 'services', 'ports', 'notNets', 'notSelector', 'notPorts', 'serviceAccounts',
  ]);
  const gnp = readSchema('globalnetworkpolicy.json').properties.spec.properties;
  assert.equal(gnp.tier.default, 'default');
  assert.equal(readSchema('tier.json').properties.spec.properties.defaultAction.default, 'Deny');
});

test('numorstring fields accept both forms and reject what Go rejects', () => {
  const gnp = (ports, protocol = 'TCP') =>
    validators.GlobalNetworkPolicy({
      apiVersion: 'projectcalico.org/v3',
      kind: 'GlobalNetworkPolicy',
      metadata: {name: 'p'},
      spec: {ingress: [{action: 'Allow', protocol, destination: {ports}}]},
    });
  assert.ok(gnp([80, '80', '80:90', 'http']));
  assert.ok(gnp([80], 6));
  assert.ok(!gnp([80.5]));
  assert.ok(!gnp([-1]));
  assert.ok(!gnp([true]));
  assert.ok(!gnp([80], 256));
  assert.ok(!gnp([80], 1.5));
});

test('valid fixtures pass their schema', () => {
  for (const {doc, line} of loadFixtureDocs('valid.yaml')) {
    const v = validators[doc.kind];
    assert.ok(v(doc), `valid.yaml:${line} ${doc.metadata?.name}: ${JSON.stringify(v.errors)}`);
  }
});

test('bundled examples of the policy family pass their schema', () => {
  for (const kind of POLICY_KINDS) {
    for (const {doc, line} of loadFixtureDocs(new URL(`../../examples/${kind.toLowerCase()}.yaml`, import.meta.url))) {
      assert.ok(validators[doc.kind](doc), `${kind} example at line ${line}: ${JSON.stringify(validators[doc.kind].errors)}`);
    }
  }
});
