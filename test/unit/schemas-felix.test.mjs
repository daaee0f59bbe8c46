// FelixConfiguration and KubeControllersConfiguration: schema coverage of the Go type, verdicts on valid
// and invalid manifests (schema + semantic rules, as `validate` runs them), and the Go duration/regexp helpers.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import * as validators from '../../dist/generated/validators.js';
import {felixCRDIssues, formatGoDuration, goRegexpError, parseGoDuration} from '../../dist/lib/validation/rules/felixconfiguration.js';
import {kubeControllersCRDIssues} from '../../dist/lib/validation/rules/kubecontrollersconfiguration.js';
import {readManifests} from '../../dist/lib/manifest/index.js';
import {validateResources} from '../../dist/lib/validation/index.js';

const root = new URL('../../', import.meta.url);
const readJSON = (path) => JSON.parse(readFileSync(new URL(path, root), 'utf8'));

/** Every resource of a manifest file validated as `calicoctl validate` does (decoding, schema, rules). */
async function validateFile(path) {
  const records = await readManifests(new URL(path, root).pathname);
  return validateResources(records);
}

test('the FelixConfiguration schema lists every field of the v3.32 Go type, in Go order, with Go names', () => {
  const {fields} = readJSON('test/fixtures/felix/felixconfigurationspec-fields.json');
  const props = readJSON('schemas/felixconfiguration.json').definitions.FelixConfigurationSpec.properties;
  assert.deepEqual(Object.keys(props), fields.map(([, json]) => json));
  for (const [goName, json] of fields) {
    const regular = json[0].toUpperCase() + json.slice(1);
    assert.equal(props[json]['x-go-name'], goName === regular ? undefined : goName, `x-go-name of ${json}`);
  }
});

test('both schemas are precompiled under their kind names', () => {
  assert.equal(typeof validators.FelixConfiguration, 'function');
  assert.equal(typeof validators.KubeControllersConfiguration, 'function');
  const felix = readJSON('schemas/felixconfiguration.json');
  assert.equal(felix.properties.spec.$ref, '#/definitions/FelixConfigurationSpec');
  assert.equal(felix.definitions.FelixConfigurationSpec.properties.nftablesMode.default, 'Auto');
  assert.equal(readJSON('schemas/kubecontrollersconfiguration.json').definitions.KubeControllersConfigurationSpec.properties.healthChecks.default, 'Enabled');
});

const ACCEPTED = ['test/fixtures/felix/felix-valid.yaml', 'test/fixtures/felix/kcc-valid.yaml', 'examples/felixconfiguration.yaml', 'examples/kubecontrollersconfiguration.yaml'];
for (const file of ACCEPTED) {
  test(`accepted: ${file}`, async () => {
    const results = await validateFile(file);
    assert.ok(results.length > 0);
    for (const r of results) assert.deepEqual(r.errors, [], `${r.kind}(${r.name}) line ${r.line}`);
  });
}

for (const file of ['felix-invalid.yaml', 'kcc-invalid.yaml']) {
  test(`rejected, at the expected field: ${file}`, async () => {
    const results = await validateFile(`test/fixtures/felix/${file}`);
    assert.ok(results.length > 10);
    for (const r of results) {
      const expected = r.record.resource.metadata.annotations['test.calico/expect'];
      const found = r.errors.map((e) => e.path);
      assert.ok(found.length > 0, `${r.name} line ${r.line} (${expected}) was accepted`);
      assert.ok(found[0].startsWith(expected), `${r.name} line ${r.line}: expected ${expected}, got ${found.join(', ')}`);
    }
  });
}

test('CRD-only problems: found by the CRD stage, and `validate` reports them', async () => {
  const results = await validateFile('test/fixtures/felix/crd-only-invalid.yaml');
  assert.ok(results.length > 20);
  for (const r of results) {
    const resource = r.record.resource;
    const expected = resource.metadata.annotations['test.calico/expect'];
    const crd = resource.kind === 'FelixConfiguration' ? felixCRDIssues(resource.metadata.name, resource.spec) : kubeControllersCRDIssues(resource.spec);
    assert.ok(crd.length > 0 && crd[0].path.startsWith(expected), `${r.name} line ${r.line}: expected ${expected}, got ${crd.map((i) => i.path).join(', ')}`);
    assert.equal(r.valid, false, `${r.name} line ${r.line}: ${r.errors.map((e) => e.message).join('; ')}`);
  }
  // The accepted fixtures pass the CRD stage too.
  for (const file of ACCEPTED) {
    for (const r of await validateFile(file)) {
      const resource = r.record.resource;
      const crd = resource.kind === 'FelixConfiguration' ? felixCRDIssues(resource.metadata.name, resource.spec) : kubeControllersCRDIssues(resource.spec);
      assert.deepEqual(crd, [], `${file}: ${r.name}`);
    }
  }
});

test('Go durations parse and print as time.ParseDuration / Duration.String do', () => {
  const cases = {
    '90s': '1m30s',
    '1h': '1h0m0s',
    '1.5h': '1h30m0s',
    '1500ms': '1.5s',
    '100us': '100µs',
    '100µs': '100µs',
    '7ns': '7ns',
    0: '0s',
    '-0': '0s',
    '-1m': '-1m0s',
    '.5s': '500ms',
    '1.s': '1s',
    '1.0000000001s': '1s',
    '2562047h': '2562047h0m0s',
    '9223372036854775807ns': '2562047h47m16.854775807s',
  };
  for (const [input, printed] of Object.entries(cases)) assert.equal(formatGoDuration(parseGoDuration(input)), printed, input);
  assert.equal(parseGoDuration('2562048h'), 'time: invalid duration "2562048h"');
  assert.equal(parseGoDuration('10'), 'time: missing unit in duration "10"');
  assert.equal(parseGoDuration('1d'), 'time: unknown unit "d" in duration "1d"');
  for (const bad of ['', '.', '-', 's', '1..5s', '9223372036854775808ns']) assert.equal(typeof parseGoDuration(bad), 'string', bad);
});

test('Go regexp syntax: what regexp.Compile accepts and rejects', () => {
  const good = ['eth.*', '(?i)eth', '(?i:a)|b', '[[:alpha:]]+', '\\Qa.b\\E', 'x\\z', 'a{2,3}', 'a{,3}', 'a{01}', '(?P<n>x)', '(?<n>x)',
    '\\pL', '\\p{Greek}', '[a-z-]', '[]a]', 'x*?', '\\x41\\x{263a}', '\\101', '\\0', '^*', '[\\d-z]', '\\-', '', `${'('.repeat(999)}a${')'.repeat(999)}`];
  const bad = ['*', 'a**', 'a*+', '(?=x)', '(?!x)', '(?<=x)', '\\1', '(', ')', '[a', '[z-a]', 'a{1001}', 'a{2,1}', 'a{2}{3}', '\\e', '\\C',
    '(?P=n)', '[[:foo:]]', 'x|*', '(?i)*', '\\p{Foo}', '(?i-)', '\\', '\\x4', '(?P<n>a)(?P<n>b)', '(?#c)', `${'('.repeat(1000)}a${')'.repeat(1000)}`];
  for (const re of good) assert.equal(goRegexpError(re), undefined, re);
  for (const re of bad) assert.equal(typeof goRegexpError(re), 'string', re);
});

test('a pathological value is rejected quickly (no catastrophic backtracking in the patterns)', () => {
  const spec = {bpfConntrackTimeouts: {tcpSynSent: `${'ms'.repeat(20000)}!`}, featureGates: `${'a=b,'.repeat(20000)}=`, logPrefix: `${'a'.repeat(50000)}!`};
  const started = Date.now();
  assert.equal(felixCRDIssues('x', spec).length, 3);
  assert.ok(Date.now() - started < 1000);
});
