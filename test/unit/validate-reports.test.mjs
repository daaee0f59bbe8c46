// validate's CI report formats, from -o json records: JUnit XML escaping/grouping and SARIF structure.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {junitReport, sarifReport, sarifRuleId, SARIF_RULES} from '../../dist/lib/actions/validate.js';

const rec = (over) => ({file: 'a.yaml', line: 1, kind: 'IPPool', name: 'p', namespace: null, valid: true, errors: [], ...over});

test('junit: no resources is an empty, valid report', () => {
  assert.equal(junitReport([]), '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="calicoctl validate" tests="0" failures="0" errors="0">\n</testsuites>\n');
});

test('junit: suites per file in first-seen order, namespaced ids, escaping', () => {
  const xml = junitReport([
    rec({file: 'b"x.yaml', kind: 'NetworkSet', namespace: 'ns', name: 'n'}),
    rec({valid: false, errors: [{path: '', line: 3, message: 'a <b> & "c"'}]}),
  ]);
  assert.match(xml, /<testsuite name="b&quot;x.yaml" tests="1" failures="0" errors="0">\n {4}<testcase classname="b&quot;x.yaml" name="NetworkSet\(ns\/n\)"/);
  assert.match(xml, /<failure type="ValidationError" message="a.yaml:3: resource: a &lt;b&gt; &amp; &quot;c&quot;">/);
  assert.ok(xml.indexOf('b&quot;x.yaml') < xml.indexOf('name="a.yaml"'));
});

test('sarif: rule ids per kind of check; every result points at a rule; levels', () => {
  assert.equal(sarifRuleId({path: 'spec.x', line: 1, message: 'field in document is not recognized or is in the wrong location: x'}), 'calico/unknown-field');
  assert.equal(sarifRuleId({path: 'metadata.namespace', line: 1, message: 'x'}), 'calico/namespace');
  assert.equal(sarifRuleId({path: 'metadata.labels["a"]', line: 1, message: 'x'}), 'calico/metadata');
  assert.equal(sarifRuleId({path: 'spec.cidr', line: 1, message: 'x'}), 'calico/invalid-field');
  const report = sarifReport(
    [rec({valid: false, errors: [{path: 'spec.cidr', line: 6, message: 'bad'}]}), rec({file: './dir/c d.yaml'})],
    [[], [{path: 'spec.old', line: 2, message: 'field is deprecated: use spec.new instead'}]],
    'v3.32.0',
  );
  assert.equal(report.version, '2.1.0');
  assert.equal(report.runs[0].tool.driver.version, '3.32.0');
  const results = report.runs[0].results;
  assert.deepEqual(
    results.map((r) => [SARIF_RULES[r.ruleIndex].id, r.level, r.locations[0].physicalLocation.artifactLocation.uri, r.locations[0].physicalLocation.region.startLine]),
    [
      ['calico/invalid-field', 'error', 'a.yaml', 6],
      ['calico/deprecated-field', 'warning', 'dir/c%20d.yaml', 2],
    ],
  );
});
