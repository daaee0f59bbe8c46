// validate for CI: -o junit and -o sarif from the built CLI, and --strict for deprecated fields.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, mkdirSync, writeFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {runCli} from '../helpers/cli.mjs';

let dir;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'calicoctl-validate-reports-'));
  mkdirSync(join(dir, 'm'));
  writeFileSync(
    join(dir, 'm', 'felix.yaml'),
    'apiVersion: projectcalico.org/v3\nkind: FelixConfiguration\nmetadata:\n  name: default\nspec:\n  routeTableRange:\n    min: 1\n    max: 250\n',
  );
  writeFileSync(
    join(dir, 'm', 'pools.yaml'),
    'apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata:\n  name: ok\nspec:\n  cidr: 10.0.0.0/16\n---\n' +
      'apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata:\n  name: Bad<&>\nspec:\n  cidr: 10.1.0.0/16\n  blockSize: 40\n',
  );
});
after(() => rmSync(dir, {recursive: true, force: true}));

const cli = (args) => runCli(args, {cwd: dir});

test('-o junit: one test case per resource, failures with file:line, warnings as system-out', async () => {
  const r = await cli(['validate', '-f', 'm', '-o', 'junit']);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, '');
  assert.equal(
    r.stdout,
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<testsuites name="calicoctl validate" tests="3" failures="1" errors="0">',
      '  <testsuite name="m/felix.yaml" tests="1" failures="0" errors="0">',
      '    <testcase classname="m/felix.yaml" name="FelixConfiguration(default)" file="m/felix.yaml" line="1">',
      '      <system-out>warning: m/felix.yaml:6: spec.routeTableRange: field is deprecated: use spec.routeTableRanges instead</system-out>',
      '    </testcase>',
      '  </testsuite>',
      '  <testsuite name="m/pools.yaml" tests="2" failures="1" errors="0">',
      '    <testcase classname="m/pools.yaml" name="IPPool(ok)" file="m/pools.yaml" line="1"/>',
      '    <testcase classname="m/pools.yaml" name="IPPool(Bad&lt;&amp;&gt;)" file="m/pools.yaml" line="8">',
      '      <failure type="ValidationError" message="m/pools.yaml:11: metadata.name: name must consist of lower case alphanumeric characters, &apos;-&apos; or &apos;.&apos; (regex: [a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*) (value: Bad&lt;&amp;&gt;)">' +
        'm/pools.yaml:11: metadata.name: name must consist of lower case alphanumeric characters, &apos;-&apos; or &apos;.&apos; (regex: [a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*) (value: Bad&lt;&amp;&gt;)\n' +
        'm/pools.yaml:14: spec.blockSize: IPv4 block size must be between 20 and 32 (value: 40)</failure>',
      '    </testcase>',
      '  </testsuite>',
      '</testsuites>',
      '',
    ].join('\n'),
  );
});

test('-o sarif: SARIF 2.1.0, one result per problem with uri and startLine, rule per kind of check', async () => {
  const r = await cli(['validate', '-f', 'm', '-o', 'sarif']);
  assert.equal(r.code, 1);
  const sarif = JSON.parse(r.stdout);
  assert.equal(sarif.version, '2.1.0');
  const run = sarif.runs[0];
  assert.equal(run.tool.driver.name, 'calicoctl');
  const ids = run.tool.driver.rules.map((x) => x.id);
  const brief = run.results.map((x) => [x.ruleId, ids[x.ruleIndex], x.level, x.locations[0].physicalLocation.artifactLocation.uri, x.locations[0].physicalLocation.region.startLine]);
  assert.deepEqual(brief, [
    ['calico/deprecated-field', 'calico/deprecated-field', 'warning', 'm/felix.yaml', 6],
    ['calico/name', 'calico/name', 'error', 'm/pools.yaml', 11],
    ['calico/invalid-field', 'calico/invalid-field', 'error', 'm/pools.yaml', 14],
  ]);
  assert.equal(run.results[2].message.text, 'IPPool(Bad<&>): spec.blockSize: IPv4 block size must be between 20 and 32 (value: 40)');
});

test('--strict: a deprecated field fails the run (text, json and sarif agree); without it the run passes', async () => {
  let r = await cli(['validate', '-f', 'm/felix.yaml']);
  assert.deepEqual([r.code, r.stdout, r.stderr], [0, "Successfully validated 1 'FelixConfiguration' resource(s)\n", '']);
  r = await cli(['validate', '-f', 'm/felix.yaml', '--strict']);
  assert.deepEqual(
    [r.code, r.stdout, r.stderr],
    [1, '', "failed to validate 'FelixConfiguration' resource: [m/felix.yaml:6: FelixConfiguration(default): error with field spec.routeTableRange (field is deprecated: use spec.routeTableRanges instead)]\n"],
  );
  r = await cli(['validate', '-f', 'm/felix.yaml', '--strict', '-o', 'json']);
  assert.equal(r.code, 1);
  assert.deepEqual(JSON.parse(r.stdout)[0].errors, [{path: 'spec.routeTableRange', line: 6, message: 'field is deprecated: use spec.routeTableRanges instead'}]);
  r = await cli(['validate', '-f', 'm/felix.yaml', '--strict', '-o', 'sarif']);
  assert.equal(JSON.parse(r.stdout).runs[0].results[0].level, 'error');
  r = await cli(['validate', '-f', 'm/felix.yaml', '-o', 'junit']);
  assert.equal(r.code, 0);
});

test('stdin is named stdin in SARIF; an unknown -o is refused', async () => {
  const r = await runCli(['validate', '-f', '-', '-o', 'sarif'], {input: 'apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata:\n  name: p\nspec:\n  cidr: 10.0.0.0/16\n  what: 1\n'});
  assert.equal(r.code, 1);
  const result = JSON.parse(r.stdout).runs[0].results[0];
  assert.equal(result.ruleId, 'calico/unknown-field');
  assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'stdin');
  assert.equal(result.locations[0].physicalLocation.region.startLine, 7);
  const bad = await cli(['validate', '-f', 'm', '-o', 'xml']);
  assert.notEqual(bad.code, 0);
});
