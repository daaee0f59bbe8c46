// `calicoctl validate` end to end: the built CLI as a process, exact bytes and exit codes.
import {test, after} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync, writeFileSync, chmodSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {runCli} from '../helpers/cli.mjs';

const FIX = 'test/fixtures/validate';
const tmp = mkdtempSync(join(tmpdir(), 'validate-it-'));
after(() => rmSync(tmp, {recursive: true, force: true}));
const file = (name, text) => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};
const POOL = (name, cidr) => `apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata:\n  name: ${name}\nspec:\n  cidr: ${cidr}\n`;

test('valid file: calicoctl success message, exit 0', async () => {
  const r = await runCli(['validate', '-f', `${FIX}/valid.json`]);
  assert.deepEqual(r, {code: 0, stdout: "Successfully validated 1 'IPPool' resource(s)\n", stderr: ''});
});

test('stdin, directory and -R', async () => {
  const s = await runCli(['validate', '-f', '-'], {input: POOL('from-stdin', '10.1.0.0/16')});
  assert.deepEqual(s, {code: 0, stdout: "Successfully validated 1 'IPPool' resource(s)\n", stderr: ''});
  const d = await runCli(['validate', '-f', `${FIX}/dir`]);
  assert.deepEqual(d, {code: 0, stdout: "Successfully validated 1 'IPPool' resource(s)\n", stderr: ''});
  const rec = await runCli(['validate', '-f', `${FIX}/dir`, '-R']);
  assert.deepEqual(rec, {code: 0, stdout: "Successfully validated 2 'IPPool' resource(s)\n", stderr: ''});
});

test('mixed file: partial success, errors name file:line, resource and field', async () => {
  const r = await runCli(['validate', '-f', `${FIX}/mixed.yaml`]);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, 'Partial success: validated the first 3 out of 4 resources:\n');
  assert.equal(
    r.stderr,
    `hit error(s): [${FIX}/mixed.yaml:33: GlobalNetworkPolicy(deny-all): error with field spec.bogus (field in document is not recognized or is in the wrong location: bogus)]\n`,
  );
});

test('-o json: one record per resource', async () => {
  const r = await runCli(['validate', '-f', `${FIX}/mixed.yaml`, '-o', 'json']);
  assert.equal(r.code, 1);
  const records = JSON.parse(r.stdout);
  assert.deepEqual(
    records.map((x) => [x.file, x.line, x.kind, x.name, x.namespace, x.valid, x.errors.length]),
    [
      [`${FIX}/mixed.yaml`, 2, 'IPPool', 'pool-a', null, true, 0],
      [`${FIX}/mixed.yaml`, 13, 'Tier', 'security', null, true, 0],
      [`${FIX}/mixed.yaml`, 19, 'Tier', 'platform', null, true, 0],
      [`${FIX}/mixed.yaml`, 26, 'GlobalNetworkPolicy', 'deny-all', null, false, 1],
    ],
  );
  assert.deepEqual(records[3].errors, [{path: 'spec.bogus', line: 33, message: 'field in document is not recognized or is in the wrong location: bogus'}]);
});

test('every resource invalid: failed to validate ...', async () => {
  const one = await runCli(['validate', '-f', file('one.yaml', POOL('Bad_Name', '10.0.0.0/16'))]);
  assert.equal(one.code, 1);
  assert.equal(one.stdout, '');
  assert.match(one.stderr, /^failed to validate 'IPPool' resource: \[.*one\.yaml:4: IPPool\(Bad_Name\): error with field metadata\.name = 'Bad_Name' \(name must consist of/);
  const two = await runCli(['validate', '-f', file('two.yaml', POOL('A', '10.0.0.0/16') + '---\n' + POOL('B', '10.1.0.0/16'))]);
  assert.match(two.stderr, /^failed to validate any 'IPPool' resources: \[/);
});

test('empty input and --skip-empty', async () => {
  const empty = file('empty.yaml', '# nothing here\n---\n');
  assert.deepEqual(await runCli(['validate', '-f', empty]), {code: 1, stdout: '', stderr: `no resources specified in file ${empty}\n`});
  assert.deepEqual(await runCli(['validate', '-f', empty, '--skip-empty']), {code: 0, stdout: 'No resources specified\n', stderr: ''});
  assert.deepEqual(await runCli(['validate', '-f', '-'], {input: ''}), {code: 1, stdout: '', stderr: 'no resources specified in file -\n'});
});

test('malformed input: one clear line, exit 1, no stack trace', async () => {
  const cases = [
    [file('syntax.yaml', 'apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata: [\n'), /^failed to execute command: .*syntax\.yaml:\d+: yaml: line \d+: .+\n$/],
    [file('binary.yaml', Buffer.from([0x00, 0xff, 0xfe, 0x01, 0x80])), /^failed to execute command: .*binary\.yaml:1: yaml: invalid UTF-8/],
    [file('kind.yaml', 'apiVersion: projectcalico.org/v3\nkind: Nope\n'), /^failed to execute command: .*kind\.yaml:1: unknown resource type \(Nope\) and\/or version \(projectcalico.org\/v3\)\n$/],
    [file('deep.yaml', '['.repeat(20000) + ']'.repeat(20000)), /^failed to execute command: .*deep\.yaml:1: yaml: line 1: nesting exceeded maxDepth/],
    [join(tmp, 'missing.yaml'), /^failed to execute command: open .*missing\.yaml: no such file or directory\n$/],
  ];
  const bomb = ['a: &a [x,x,x,x,x,x,x,x,x]'];
  for (let i = 1; i < 9; i++) bomb.push(`${'abcdefghi'[i]}: &${'abcdefghi'[i]} [${Array(9).fill('*' + 'abcdefghi'[i - 1]).join(',')}]`);
  cases.push([file('bomb.yaml', bomb.join('\n') + '\nkind: IPPool\n'), /excessive aliasing/]);
  if (process.getuid?.() !== 0) {
    const locked = file('locked.yaml', POOL('x', '10.0.0.0/16'));
    chmodSync(locked, 0);
    cases.push([locked, /^failed to execute command: open .*locked\.yaml: permission denied\n$/]);
  }
  for (const [path, expected] of cases) {
    const r = await runCli(['validate', '-f', path], {timeoutMs: 20000});
    assert.equal(r.code, 1, path);
    assert.equal(r.stdout, '', path);
    assert.match(r.stderr, expected, path);
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, `one line for ${path}`);
  }
});

test('a document over 10 MiB is refused like calicoctl', async () => {
  const big = file('big.yaml', `apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata:\n  name: x\n  annotations:\n    a: "${'x'.repeat(11 * 1024 * 1024)}"\n`);
  assert.deepEqual(await runCli(['validate', '-f', big]), {code: 1, stdout: '', stderr: 'failed to execute command: bufio.Scanner: token too long\n'});
});
