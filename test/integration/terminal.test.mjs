// Colour rules end to end: only error prefixes on stderr are coloured, only when stderr is a terminal (or
// FORCE_COLOR), never with NO_COLOR or --no-color, and stdout bytes never change.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {runCli, BIN} from '../helpers/cli.mjs';

const HINT = 'Run \'calicoctl --help\' for the list of commands.\n';
const RED_PREFIX = `\u001b[1m\u001b[31munknown command:\u001b[39m\u001b[22m "nosuch"\n${HINT}`;
const PLAIN = `unknown command: "nosuch"\n${HINT}`;

test('not a terminal: no colour, unless FORCE_COLOR; NO_COLOR and --no-color win', async () => {
  assert.deepEqual(await runCli(['nosuch']), {code: 1, stdout: '', stderr: PLAIN});
  assert.deepEqual(await runCli(['nosuch'], {env: {FORCE_COLOR: '1'}}), {code: 1, stdout: '', stderr: RED_PREFIX});
  assert.deepEqual(await runCli(['nosuch'], {env: {FORCE_COLOR: '0'}}), {code: 1, stdout: '', stderr: PLAIN});
  assert.deepEqual(await runCli(['nosuch'], {env: {FORCE_COLOR: '1', NO_COLOR: '1'}}), {code: 1, stdout: '', stderr: PLAIN});
  assert.deepEqual(await runCli(['nosuch', '--no-color'], {env: {FORCE_COLOR: '1'}}), {code: 1, stdout: '', stderr: PLAIN});
  assert.deepEqual(await runCli(['--no-color', 'nosuch'], {env: {FORCE_COLOR: '1'}}), {code: 1, stdout: '', stderr: PLAIN});
});

test('--no-color is accepted by every command and changes no output', async () => {
  const plain = await runCli(['version', '--client']);
  assert.deepEqual(await runCli(['version', '--client', '--no-color']), plain);
  assert.deepEqual(await runCli(['--no-color', 'version', '--client']), plain);
  assert.deepEqual(await runCli(['version', '--client'], {env: {FORCE_COLOR: '1'}}), plain, 'stdout results are never coloured');
  // After `--` it is an ordinary argument.
  const r = await runCli(['completion', 'complete', '--', 'get', '--no-color', 'ipp']);
  assert.match(r.stdout, /^ippool\t/);
});

const hasScript = spawnSync('sh', ['-c', 'command -v script']).status === 0;

test('on a terminal: error prefixes coloured, results not', {skip: !hasScript && 'util-linux script is not installed'}, () => {
  // `script` gives the child a pseudo-terminal for stdin, stdout and stderr.
  const tty = (args, env = {}) => {
    const e = {...process.env, ...env};
    delete e.NO_COLOR;
    delete e.FORCE_COLOR;
    Object.assign(e, env);
    const cmd = [process.execPath, BIN, ...args].map((a) => `'${a}'`).join(' ');
    const r = spawnSync('script', ['-qec', cmd, '/dev/null'], {env: e, encoding: 'utf8', timeout: 30000});
    return r.stdout.replace(/\r\n/g, '\n');
  };
  assert.equal(tty(['nosuch']), RED_PREFIX);
  assert.equal(tty(['nosuch'], {NO_COLOR: '1'}), PLAIN);
  assert.equal(tty(['nosuch', '--no-color']), PLAIN);
  assert.equal(tty(['nosuch'], {TERM: 'dumb'}), PLAIN);
  assert.doesNotMatch(tty(['version', '--client']), /\u001b/);
});
