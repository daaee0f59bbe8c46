// Schemas and semantic rules of the networking/infrastructure kinds against a table of Calico verdicts
// (test/fixtures/infra/cases.yaml), plus checks that every schema compiles and the bundled examples validate.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync, readdirSync} from 'node:fs';
import yaml from 'js-yaml';
import Ajv from 'ajv';
import * as validators from '../../dist/generated/validators.js';

const INFRA_KINDS = [
  'IPPool',
  'IPReservation',
  'BGPConfiguration',
  'BGPPeer',
  'BGPFilter',
  'Node',
  'ClusterInformation',
  'IPAMConfiguration',
  'CalicoNodeStatus',
];
// The rule modules of these kinds only (not the registry of all kinds), so other kinds' work cannot break this test.
const RULES_BY_KIND = Object.fromEntries(
  await Promise.all(INFRA_KINDS.map(async (k) => [k, (await import(`../../dist/lib/validation/rules/${k.toLowerCase()}.js`)).rules])),
);
const schemaDir = new URL('../../schemas/', import.meta.url);
const cases = yaml.load(readFileSync(new URL('../fixtures/infra/cases.yaml', import.meta.url), 'utf8'));

/** `/spec/exportV4/0/cidr` -> `spec.exportV4[0].cidr` */
const dotted = (pointer) =>
  pointer
    .split('/')
    .slice(1)
    .map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`))
    .join('')
    .replace(/^\./, '');

/** The case as a resource; `spec: null` means no spec at all. */
const makeResource = (kind, c) => ({
  apiVersion: 'projectcalico.org/v3',
  kind,
  metadata: {name: 'x'},
  ...(c.spec === null ? {} : {spec: c.spec}),
  ...(c.status ? {status: c.status} : {}),
});

/** Schema then semantic rules, as the validate command runs them; returns the problem paths. */
function problems(resource) {
  const validate = validators[resource.kind];
  if (!validate(resource)) return validate.errors.map((e) => dotted(e.instancePath));
  return RULES_BY_KIND[resource.kind](resource).map((i) => i.path);
}

test('every infra schema compiles on its own in strict mode', () => {
  const ajv = new Ajv({strict: true, allErrors: true, allowUnionTypes: true});
  ajv.addVocabulary(['x-calico-kind', 'x-go-name']);
  for (const f of readdirSync(schemaDir).filter((n) => n.endsWith('.json'))) ajv.addSchema(JSON.parse(readFileSync(new URL(f, schemaDir), 'utf8')));
  for (const kind of INFRA_KINDS) {
    const schema = JSON.parse(readFileSync(new URL(`${kind.toLowerCase()}.json`, schemaDir), 'utf8'));
    assert.equal(schema.$id, `${kind.toLowerCase()}.json`);
    assert.equal(schema['x-calico-kind'], kind);
    assert.equal(typeof ajv.getSchema(schema.$id), 'function', kind);
    assert.equal(typeof validators[kind], 'function', `precompiled validator for ${kind}`);
  }
});

for (const kind of INFRA_KINDS) {
  const table = cases[kind];
  test(`${kind}: Calico verdicts`, () => {
    assert.ok(table, `cases for ${kind}`);
    for (const c of table.valid) {
      const resource = makeResource(kind, c);
      assert.deepEqual(problems(resource), [], `${kind} "${c.name}" should be valid`);
    }
    for (const c of table.invalid) {
      const resource = makeResource(kind, c);
      const found = problems(resource);
      assert.ok(found.length > 0, `${kind} "${c.name}" should be invalid`);
      if (c.path) assert.equal(found[0], c.path, `${kind} "${c.name}" path`);
    }
  });
}

test('bundled examples of the infra kinds validate', () => {
  const dir = new URL('../../examples/', import.meta.url);
  let seen = 0;
  for (const f of readdirSync(dir).filter((n) => /\.ya?ml$/.test(n))) {
    for (const doc of yaml.loadAll(readFileSync(new URL(f, dir), 'utf8'))) {
      if (!doc || !INFRA_KINDS.includes(doc.kind)) continue;
      seen++;
      assert.deepEqual(problems(doc), [], `${f}: ${doc.kind}(${doc.metadata?.name})`);
    }
  }
  assert.ok(seen >= INFRA_KINDS.length, `examples cover the infra kinds (saw ${seen})`);
});
