import {test} from 'node:test';
import assert from 'node:assert/strict';
import {nameIssues, metadataIssues, qualifiedNameErrors, labelValueErrors} from '../../dist/lib/validation/names.js';
import {validateResources, validateAsWritten, parseFieldPath, formatFieldPath} from '../../dist/lib/validation/index.js';
import {summarize, formatResourceError, toJsonRecord} from '../../dist/lib/validation/format.js';
import {decodeDocument} from '../../dist/lib/manifest/index.js';

const bad = (kind, name) => nameIssues(kind, name).length > 0;

test('names per kind follow Calico 3.32', () => {
  assert.equal(bad('IPPool', 'pool-1.example'), false);
  assert.equal(bad('IPPool', 'Pool'), true);
  assert.equal(bad('IPPool', ''), true);
  assert.equal(bad('IPPool', 'a'.repeat(253)), false);
  assert.equal(bad('IPPool', 'a'.repeat(254)), true);
  assert.equal(bad('Tier', 'security'), false);
  assert.equal(bad('Tier', 'sec.urity'), true);
  assert.equal(bad('Tier', 'a'.repeat(64)), true);
  assert.equal(bad('NetworkPolicy', 'allow-dns'), false);
  assert.equal(bad('NetworkPolicy', 'security.allow-dns'), false);
  assert.equal(bad('NetworkPolicy', 'a.b.c'), true);
  assert.equal(bad('NetworkPolicy', 'knp.default.a.b.c'), false);
  assert.equal(bad('StagedNetworkPolicy', 'ossg.default.x.y'), false);
  assert.equal(bad('GlobalNetworkPolicy', 'a.b'), false);
  assert.equal(bad('GlobalNetworkPolicy', 'a.b.c'), true);
  assert.equal(bad('GlobalNetworkPolicy', 'knp.default.x'), true);
  assert.equal(bad('StagedKubernetesNetworkPolicy', 'a.b.c'), false);
  assert.equal(bad('WorkloadEndpoint', 'node1-k8s-pod--1-eth0'), false);
  assert.deepEqual(nameIssues('Tier', 'A.b').map((i) => i.message), [
    "name must consist of lower case alphanumeric characters, '-' or '.' (regex: [a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)",
    "name must consist of lower case alphanumeric characters or '-' (regex: [a-z0-9]([-a-z0-9]*[a-z0-9])?)",
  ]);
});

test('labels and annotations follow Kubernetes rules', () => {
  assert.deepEqual(qualifiedNameErrors('example.com/My_Name-1'), []);
  assert.equal(qualifiedNameErrors('a/b/c').length, 1);
  assert.equal(qualifiedNameErrors('/x').length, 1);
  assert.equal(qualifiedNameErrors('x'.repeat(64)).length, 1);
  assert.deepEqual(labelValueErrors(''), []);
  assert.equal(labelValueErrors('-x').length, 1);
  const issues = metadataIssues({labels: {'bad key!': 'ok', good: 'bad value!'}, annotations: {'Upper.Case/OK': 'x'}});
  assert.deepEqual(issues.map((i) => i.path), ['metadata.labels["bad key!"]', 'metadata.labels.good']);
  assert.equal(metadataIssues({annotations: {a: 'x'.repeat(256 * 1024)}}).length, 1);
});

test('field paths round-trip', () => {
  assert.deepEqual(parseFieldPath('spec.ingress[0].source["a/b"]'), ['spec', 'ingress', 0, 'source', 'a/b']);
  assert.equal(formatFieldPath(['spec', 'ingress', 0, 'source', 'a/b']), 'spec.ingress[0].source["a/b"]');
});

const records = (text) => decodeDocument(text, {file: 'm.yaml', line: 1});
const POOL = (spec, name = 'p') => `apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata:\n  name: ${name}\nspec:\n${spec}`;

test('Go decoding quirks: null is absent, numbers fill string fields, field names fold case', async () => {
  const [ok] = await validateResources(records(POOL('  cidr: 10.0.0.0/16\n  nodeSelector: ~\n  natOutgoing: yes\n')));
  assert.deepEqual(ok.errors, []);
  const [named] = await validateResources(records(POOL('  cidr: 10.0.0.0/16\n', '123')));
  assert.equal(named.valid, true);
  assert.equal(named.record.resource.metadata.name, '123');
  const [folded] = await validateResources(records(POOL('  CIDR: 10.0.0.0/16\n  NatOutgoing: true\n')));
  assert.deepEqual(folded.errors, []);
  const [misplaced] = await validateResources(records(POOL('  cidr: 10.0.0.0/16\n').replace('  name: p\n', '  name: p\n  Cidr: x\n')));
  assert.deepEqual(misplaced.errors.map((e) => e.path), ['metadata.Cidr'], 'a folded name that is not a field there keeps the name as written');
  const [typed] = await validateResources(records(POOL('  cidr: 10.0.0.0/16\n  blockSize: "26"\n')));
  assert.deepEqual(typed.errors.map((e) => [e.path, e.line]), [['spec.blockSize', 7]]);
  // int-or-string fields (Go types with their own JSON decoding) are never turned into strings.
  const [port] = await validateResources(records('apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata: {name: p}\nspec:\n  ingress: [{action: Allow, protocol: TCP, destination: {ports: [80.5]}}]\n'));
  assert.equal(port.valid, false);
  // Inside a top-level sequence there is no typed target: no number-to-string conversion.
  const [seq] = await validateResources(records(`- ${POOL('    cidr: 10.0.0.0/16\n', '123').replace(/\n(?=.)/g, '\n  ')}`));
  assert.equal(seq.valid, false);
});

test('unknown fields and namespace rules', async () => {
  const [r] = await validateResources(records(POOL('  cidr: 10.0.0.0/16\n  bogus: 1\n')));
  assert.deepEqual(r.errors.map((e) => [e.path, e.line, e.message]), [['spec.bogus', 7, 'field in document is not recognized or is in the wrong location: bogus']]);
  const [ns] = await validateResources(records('apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata: {name: p, namespace: x}\nspec: {cidr: 10.0.0.0/16}\n'));
  assert.deepEqual(ns.errors.map((e) => e.message), ['namespace should not be specified for a non-namespaced resource. IPPool is not a namespaced resource']);
  const [set] = await validateResources(records('apiVersion: projectcalico.org/v3\nkind: NetworkSet\nmetadata: {name: s}\n'));
  assert.equal(set.namespace, 'default');
  const [other] = await validateResources(records('apiVersion: projectcalico.org/v3\nkind: NetworkSet\nmetadata: {name: s, namespace: a}\n'), {namespace: 'b'});
  assert.deepEqual(other.errors.map((e) => e.message), ['resource namespace does not match client namespace. a != b']);
});

const fake = (kind, valid, declaredKind = kind) => ({
  record: {declaredKind},
  file: 'f.yaml',
  line: 3,
  kind,
  name: 'n',
  namespace: undefined,
  valid,
  errors: valid ? [] : [{path: 'spec.x', line: 5, message: 'bad', value: 'v'}],
});

test("calicoctl's summary messages", () => {
  assert.deepEqual(summarize([fake('IPPool', true), fake('IPPool', true)]), {stdout: "Successfully validated 2 'IPPool' resource(s)\n", stderr: '', exitCode: 0});
  assert.equal(summarize([fake('IPPool', true), fake('Tier', true)]).stdout, 'Successfully validated 2 resource(s)\n');
  assert.equal(summarize([fake('IPPool', false)]).stderr, "failed to validate 'IPPool' resource: [f.yaml:5: IPPool(n): error with field spec.x = 'v' (bad)]\n");
  assert.match(summarize([fake('IPPool', false), fake('IPPool', false)]).stderr, /^failed to validate any 'IPPool' resources: \[/);
  assert.match(summarize([fake('IPPool', false), fake('Tier', false)]).stderr, /^failed to validate any resources: \[/);
  const partial = summarize([fake('IPPool', true), fake('IPPool', true), fake('IPPool', false)]);
  assert.equal(partial.stdout, "Partial success: validated the first 2 out of 3 'IPPool' resources:\n");
  assert.match(partial.stderr, /^hit error\(s\): \[f.yaml:5: /);
  assert.equal(summarize([fake('IPPool', true), fake('IPPool', false)]).stdout, '', 'no partial line when failures >= successes (calicoctl quirk)');
  const two = {...fake('IPPool', false), errors: [{path: 'a', line: 4, message: 'm1'}, {path: 'b', line: 6, message: 'm2', value: 1}]};
  assert.equal(formatResourceError(two), "f.yaml:3: IPPool(n): error with the following fields:\n-  a (m1) (line 4)\n-  b = '1' (m2) (line 6)\n");
  assert.deepEqual(toJsonRecord(fake('IPPool', false)), {file: 'f.yaml', line: 3, kind: 'IPPool', name: 'n', namespace: null, valid: false, errors: [{path: 'spec.x', line: 5, message: 'bad (value: v)'}]});
});

test('CRD-stage rules run by default (validate predicts a write) and can be switched off', async () => {
  const text = 'apiVersion: projectcalico.org/v3\nkind: BGPConfiguration\nmetadata: {name: default}\nspec: {bindMode: Bogus}\n';
  const [crd] = await validateResources(records(text));
  assert.deepEqual(crd.errors.map((e) => e.path), ['spec.bindMode']);
  const [plain] = await validateResources(records(text), {crdRules: false});
  assert.equal(plain.valid, true);
});

test('validateAsWritten: client defaults complete a resource; client-side IPPool checks apply', async () => {
  const v6 = 'apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata: {name: v6}\nspec: {cidr: "fd00:10::/64"}\n';
  const [ok] = await validateAsWritten(records(v6));
  assert.equal(ok.valid, true, JSON.stringify(ok.errors));
  const small = 'apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata: {name: b}\nspec:\n  cidr: 10.9.0.0/16\n  blockSize: 18\n';
  const [bad] = await validateAsWritten(records(small));
  assert.deepEqual(bad.errors.map((e) => [e.path, e.line, e.message]), [['spec.blockSize', 6, 'IPv4 block size must be between 20 and 32']]);
  const name = 'apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata: {name: Bad_Name}\nspec: {cidr: 10.0.0.0/16}\n';
  const [named] = await validateAsWritten(records(name));
  assert.deepEqual(named.errors.map((e) => e.path), ['metadata.name']);
});
