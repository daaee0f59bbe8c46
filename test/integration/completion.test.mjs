// Shell completion end to end: the generated scripts run in real shells (bash always; zsh and fish when
// installed) against the built CLI, with resource names read from a real etcd.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdtempSync, symlinkSync, writeFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {runCli, BIN} from '../helpers/cli.mjs';
import {startEtcd} from '../../scripts/lib/etcd-server.mjs';

let etcd;
let dir;
const UNREACHABLE = 'http://127.0.0.1:9';

const b64 = (s) => Buffer.from(s).toString('base64');
async function put(key, value) {
  const res = await fetch(`${etcd.endpoint}/v3/kv/put`, {method: 'POST', body: JSON.stringify({key: b64(key), value: b64(JSON.stringify(value))})});
  assert.equal(res.status, 200);
}
const resource = (kind, name, namespace, spec = {}) => ({
  kind,
  apiVersion: 'projectcalico.org/v3',
  metadata: {name, ...(namespace ? {namespace} : {}), uid: `uid-${name}`, creationTimestamp: '2026-01-01T00:00:00Z'},
  spec,
});

before(async () => {
  etcd = await startEtcd({name: 'completion'});
  const prefix = '/calico/resources/v3/projectcalico.org';
  await put(`${prefix}/ippools/pool-a`, resource('IPPool', 'pool-a', undefined, {cidr: '10.1.0.0/16'}));
  await put(`${prefix}/ippools/pool-b`, resource('IPPool', 'pool-b', undefined, {cidr: '10.2.0.0/16'}));
  await put(`${prefix}/networkpolicies/default/np-default`, resource('NetworkPolicy', 'np-default', 'default'));
  await put(`${prefix}/networkpolicies/prod/np-prod`, resource('NetworkPolicy', 'np-prod', 'prod'));
  // The scripts call the program by the name typed on the command line, as installed users have it.
  dir = mkdtempSync(join(tmpdir(), 'calicoctl-completion-'));
  symlinkSync(BIN, join(dir, 'calicoctl'));
  for (const shell of ['bash', 'zsh', 'fish']) {
    const r = await runCli(['completion', shell]);
    assert.deepEqual([r.code, r.stderr], [0, '']);
    writeFileSync(join(dir, `completion.${shell}`), r.stdout);
  }
});
after(async () => {
  await etcd?.stop();
  if (dir) rmSync(dir, {recursive: true, force: true});
});

function shellEnv(endpoint = etcd.endpoint) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(CALICO_|ETCD_|DATASTORE_TYPE|NO_COLOR|FORCE_COLOR)/.test(k)) env[k] = v;
  return {...env, PATH: `${dir}:${join(process.execPath, '..')}:${process.env.PATH}`, ETCD_ENDPOINTS: endpoint};
}

/** Runs the bash script's completion function for COMP_WORDS (the last word is under the cursor). */
function bashComplete(words, endpoint) {
  const quoted = words.map((w) => `'${w}'`).join(' ');
  const script = `source ${dir}/completion.bash; COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; __calicoctl_complete; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const r = spawnSync('bash', ['--norc', '--noprofile', '-c', script], {env: shellEnv(endpoint), encoding: 'utf8', timeout: 20000});
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
  return r.stdout.split('\n').filter(Boolean);
}

test('completion prints a script per shell and rejects others', async () => {
  const bash = await runCli(['completion', 'bash']);
  assert.match(bash.stdout, /^# bash completion for calicoctl\n/);
  assert.match(bash.stdout, /\ncomplete -o default -F __calicoctl_complete calicoctl\n$/);
  const zsh = await runCli(['completion', 'zsh']);
  assert.match(zsh.stdout, /^#compdef calicoctl\n/);
  const fish = await runCli(['completion', 'fish']);
  assert.match(fish.stdout, /\ncomplete -c calicoctl -f -a '\(__calicoctl_complete\)'\n$/);
  const bad = await runCli(['completion', 'tcsh']);
  assert.equal(bad.code, 1);
  assert.equal(bad.stdout, '');
  assert.match(bad.stderr, /tcsh/);
  const missing = await runCli(['completion']);
  assert.equal(missing.code, 1);
  assert.equal(spawnSync('bash', ['-n', join(dir, 'completion.bash')]).status, 0);
});

test('bash: command words, topics, flags and flag values', () => {
  assert.deepEqual(bashComplete(['calicoctl', 'ip']), ['ipam']);
  assert.deepEqual(bashComplete(['calicoctl', 'ipam', '']), ['check', 'configure', 'release', 'show', 'split']);
  assert.deepEqual(bashComplete(['calicoctl', 'datastore', 'migrate', 'ex']), ['export']);
  assert.deepEqual(bashComplete(['calicoctl', '-l', 'debug', 'node', 's']), ['status']);
  assert.deepEqual(bashComplete(['calicoctl', 'get', '--all-n']), ['--all-namespaces']);
  assert.deepEqual(bashComplete(['calicoctl', 'get', '-o', '']), ['ps', 'wide', 'yaml', 'json', 'custom-columns=', 'go-template=', 'go-template-file=']);
  assert.deepEqual(bashComplete(['calicoctl', 'node', 'status', '-o', 'j']), ['json']);
  // bash splits `--output=ya` at '=' (COMP_WORDBREAKS): only the part after '=' is replaced.
  assert.deepEqual(bashComplete(['calicoctl', 'get', '--output', '=', 'ya']), ['yaml']);
  assert.deepEqual(bashComplete(['calicoctl', 'get', '--output', '=']), ['=ps', '=wide', '=yaml', '=json', '=custom-columns=', '=go-template=', '=go-template-file=']);
  assert.deepEqual(bashComplete(['calicoctl', 'completion', '']), ['bash', 'zsh', 'fish']);
});

test('bash: kinds and aliases, then names from the datastore', () => {
  assert.equal(bashComplete(['calicoctl', 'get', '']).length, 22);
  assert.deepEqual(bashComplete(['calicoctl', 'get', 'ipp']), ['ippool', 'ippools', 'ipp', 'ipps']);
  assert.deepEqual(bashComplete(['calicoctl', 'get', 'ippool', '']), ['pool-a', 'pool-b']);
  assert.deepEqual(bashComplete(['calicoctl', 'delete', 'pools', 'pool-a', '']), ['pool-b']);
  assert.deepEqual(bashComplete(['calicoctl', 'get', 'policy', '']), ['np-default']);
  assert.deepEqual(bashComplete(['calicoctl', 'get', '-n', 'prod', 'policy', '']), ['np-prod']);
  assert.deepEqual(bashComplete(['calicoctl', 'get', 'policy', '-A', 'np']), ['np-default', 'np-prod']);
  assert.deepEqual(bashComplete(['calicoctl', 'ipam', 'split', '2', '--name', '']), ['pool-a', 'pool-b']);
  assert.deepEqual(bashComplete(['calicoctl', 'get', 'policy', '-n', '']), ['default', 'prod']);
  assert.deepEqual(bashComplete(['calicoctl', 'get', 'networkset', '-n', '']), []);
  assert.deepEqual(bashComplete(['calicoctl', 'delete', '--namespace', '=', 'pr']), ['prod']);
});

test('bash: no names and no wait beyond the timeout when the datastore does not answer', () => {
  const t0 = Date.now();
  assert.deepEqual(bashComplete(['calicoctl', 'get', 'ippool', ''], UNREACHABLE), []);
  assert.ok(Date.now() - t0 < 5000);
});

test('completion names prints names one per line, and nothing on any error', async () => {
  const env = {ETCD_ENDPOINTS: etcd.endpoint};
  assert.deepEqual(await runCli(['completion', 'names', 'ipp'], {env}), {code: 0, stdout: 'pool-a\npool-b\n', stderr: ''});
  assert.deepEqual(await runCli(['completion', 'names', 'networkpolicy', '-A'], {env}), {code: 0, stdout: 'np-default\nnp-prod\n', stderr: ''});
  assert.deepEqual(await runCli(['completion', 'names', 'networkpolicy', '-n', 'prod'], {env}), {code: 0, stdout: 'np-prod\n', stderr: ''});
  assert.deepEqual(await runCli(['completion', 'names', 'nokind'], {env}), {code: 0, stdout: '', stderr: ''});
  assert.deepEqual(await runCli(['completion', 'names', 'ippool', '-c', '/nonexistent.cfg'], {env}), {code: 0, stdout: '', stderr: ''});
  assert.deepEqual(await runCli(['completion', 'names', 'ippool'], {env: {ETCD_ENDPOINTS: UNREACHABLE}}), {code: 0, stdout: '', stderr: ''});
});

test('completion complete answers in cobra\'s __complete format', async () => {
  const r = await runCli(['completion', 'complete', '--', 'get', 'ippool', 'pool-'], {env: {ETCD_ENDPOINTS: etcd.endpoint}});
  assert.deepEqual(r, {code: 0, stdout: 'pool-a\npool-b\n:4\n', stderr: ''});
  const f = await runCli(['completion', 'complete', '--', 'apply', '-f', '']);
  assert.equal(f.stdout, ':0\n');
});

const hasShell = (name) => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;

test('zsh: the completion function offers what the CLI answers', {skip: !hasShell('zsh') && 'zsh is not installed'}, () => {
  // compsys is not loaded in a non-interactive zsh: stub _describe/_files to print what they are given.
  const stubs = `compdef() {}; _describe() { print -l -- "\${(@P)4}"; }; _files() { print -- "FILES $*"; }`;
  const zsh = (words) => {
    const arr = words.map((w) => `'${w}'`).join(' ');
    const r = spawnSync('zsh', ['-f', '-c', `${stubs}; source ${dir}/completion.zsh; words=(${arr}); CURRENT=${words.length}; _calicoctl`], {env: shellEnv(), encoding: 'utf8', timeout: 20000});
    assert.equal(r.stderr, '');
    return r.stdout.split('\n').filter(Boolean);
  };
  assert.deepEqual(zsh(['calicoctl', 'ipam', 'sh']), ['show:Show details of Calico IP address usage.']);
  assert.deepEqual(zsh(['calicoctl', 'get', 'ippool', '']), ['pool-a', 'pool-b']);
  assert.deepEqual(zsh(['calicoctl', 'apply', '-f', '']), ['FILES ']);
});

test('fish: the completion function offers what the CLI answers', {skip: !hasShell('fish') && 'fish is not installed'}, () => {
  const fish = (before, cur) => {
    const stub = `function commandline; switch $argv[1]; case -opc; printf '%s\\n' ${before.map((w) => `'${w}'`).join(' ')}; case -ct; echo '${cur}'; end; end`;
    const r = spawnSync('fish', ['--no-config', '-c', `${stub}; source ${dir}/completion.fish; __calicoctl_complete`], {env: shellEnv(), encoding: 'utf8', timeout: 20000});
    assert.equal(r.stderr, '');
    return r.stdout.split('\n').filter(Boolean);
  };
  assert.deepEqual(fish(['calicoctl', 'get'], 'ipps'), ['ipps\tIPPool']);
  assert.deepEqual(fish(['calicoctl', 'get', 'ippool'], 'pool-b'), ['pool-b']);
});
