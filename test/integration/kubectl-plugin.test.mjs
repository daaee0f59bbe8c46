// The same program installed as `kubectl-calico` presents itself as `kubectl calico`, and as
// `kubectl_complete-calico` answers kubectl's plugin completion requests.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdtempSync, symlinkSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {BIN} from '../helpers/cli.mjs';

let dir;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'kubectl-plugin-'));
  symlinkSync(BIN, join(dir, 'kubectl-calico'));
  symlinkSync(BIN, join(dir, 'kubectl_complete-calico'));
});
after(() => {
  if (dir) rmSync(dir, {recursive: true, force: true});
});

/** Runs the program through a link of the given name, as kubectl runs plugins found on PATH. */
function runAs(name, args) {
  const env = {...process.env};
  for (const k of Object.keys(env)) if (/^(CALICO_|ETCD_|NO_COLOR|FORCE_COLOR)/.test(k)) delete env[k];
  const r = spawnSync(process.execPath, [join(dir, name), ...args], {env, encoding: 'utf8', timeout: 30000});
  return {code: r.status, stdout: r.stdout, stderr: r.stderr};
}

test('help presents the program as "kubectl calico"', () => {
  const root = runAs('kubectl-calico', ['--help']);
  assert.equal(root.code, 0);
  assert.match(root.stdout, /^calico kubectl plugin: /);
  assert.match(root.stdout, /\nUSAGE\n {2}\$ kubectl calico \[COMMAND\]\n/);
  assert.doesNotMatch(root.stdout, /\$ calicoctl/);
  const get = runAs('kubectl-calico', ['get', '--help']);
  assert.equal(get.code, 0);
  assert.match(get.stdout, /\n {2}\$ kubectl calico get KIND \[NAME\.\.\.\] \[flags\]\n/);
  assert.doesNotMatch(get.stdout, /calicoctl get/);
  const ipam = runAs('kubectl-calico', ['ipam', 'show', '-h']);
  assert.match(ipam.stdout, /\$ kubectl calico ipam show/);
});

test('messages name the program "kubectl calico"; behaviour is unchanged', () => {
  const unknown = runAs('kubectl-calico', ['nosuch']);
  assert.deepEqual(unknown, {code: 1, stdout: '', stderr: 'unknown command: "nosuch"\nRun \'kubectl calico --help\' for the list of commands.\n'});
  const version = runAs('kubectl-calico', ['version', '--client']);
  assert.equal(version.code, 0);
  assert.match(version.stdout, /^Client Version: {4}v\d/);
  const script = runAs('kubectl-calico', ['completion', 'bash']);
  assert.match(script.stdout, /\ncomplete -o default -F __kubectl_calico_complete kubectl-calico\n$/);
});

test('kubectl_complete-calico answers kubectl\'s completion requests for `kubectl calico ...`', () => {
  assert.deepEqual(runAs('kubectl_complete-calico', ['ipam', 'sh']), {code: 0, stdout: 'show\tShow details of Calico IP address usage.\n:4\n', stderr: ''});
  assert.deepEqual(runAs('kubectl_complete-calico', ['get', '-o', 'ya']), {code: 0, stdout: 'yaml\n:4\n', stderr: ''});
  const top = runAs('kubectl_complete-calico', ['']);
  assert.match(top.stdout, /^apply\t/);
});

test('the plain name is unaffected', () => {
  const r = spawnSync(process.execPath, [BIN, '--help'], {encoding: 'utf8'});
  assert.match(r.stdout, /\$ calicoctl \[COMMAND\]/);
});
