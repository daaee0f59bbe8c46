import {test} from 'node:test';
import assert from 'node:assert/strict';
import {fileURLToPath} from 'node:url';
import {colorEnabled, colorFor, PLAIN, paintErrorPrefix, extractNoColor, stripAnsi} from '../../dist/lib/term/color.js';
import {progress, formatProgress, progressEnabled} from '../../dist/lib/term/progress.js';
import {isKubectlPlugin, isKubectlCompletionHelper, programName, kubectlPluginLoadOptions} from '../../dist/lib/term/program.js';

const TTY = {isTTY: true};
const PIPE = {isTTY: false};

test('colour follows the terminal unless NO_COLOR, FORCE_COLOR or TERM=dumb say otherwise', () => {
  assert.equal(colorEnabled(TTY, {}), true);
  assert.equal(colorEnabled(PIPE, {}), false);
  assert.equal(colorEnabled({}, {}), false);
  // NO_COLOR: any non-empty value disables; empty is ignored (no-color.org).
  assert.equal(colorEnabled(TTY, {NO_COLOR: '1'}), false);
  assert.equal(colorEnabled(TTY, {NO_COLOR: 'false'}), false);
  assert.equal(colorEnabled(TTY, {NO_COLOR: ''}), true);
  // FORCE_COLOR enables even on a pipe; 0/false disable even on a terminal.
  assert.equal(colorEnabled(PIPE, {FORCE_COLOR: '1'}), true);
  assert.equal(colorEnabled(PIPE, {FORCE_COLOR: ''}), true);
  assert.equal(colorEnabled(PIPE, {FORCE_COLOR: '3'}), true);
  assert.equal(colorEnabled(TTY, {FORCE_COLOR: '0'}), false);
  assert.equal(colorEnabled(TTY, {FORCE_COLOR: 'false'}), false);
  // NO_COLOR wins over FORCE_COLOR.
  assert.equal(colorEnabled(PIPE, {NO_COLOR: '1', FORCE_COLOR: '1'}), false);
  assert.equal(colorEnabled(TTY, {TERM: 'dumb'}), false);
  assert.equal(colorEnabled(PIPE, {TERM: 'dumb', FORCE_COLOR: '1'}), true);
});

test('colorFor gives the identity palette when off and basic ANSI colours when on', async () => {
  assert.equal(await colorFor(PIPE, {}), PLAIN);
  assert.equal(PLAIN.red('x'), 'x');
  const p = await colorFor(PIPE, {FORCE_COLOR: '3'});
  assert.equal(p.enabled, true);
  // Always level 1: the same bytes on every terminal.
  assert.equal(p.red('x'), '\u001b[31mx\u001b[39m');
  assert.equal(p.green('x'), '\u001b[32mx\u001b[39m');
  assert.equal(p.bold('x'), '\u001b[1mx\u001b[22m');
  assert.equal(stripAnsi(p.cyan(p.bold('abc'))), 'abc');
});

test('paintErrorPrefix colours only the prefix of the first line', async () => {
  const p = await colorFor(PIPE, {FORCE_COLOR: '1'});
  const red = (s) => `\u001b[1m\u001b[31m${s}\u001b[39m\u001b[22m`;
  assert.equal(paintErrorPrefix('Failed to execute command: boom: x\n', p), `${red('Failed to execute command:')} boom: x\n`);
  assert.equal(paintErrorPrefix('no colon here\nsecond: line\n', p), `${red('no colon here')}\nsecond: line\n`);
  assert.equal(paintErrorPrefix('Failed: x\n', PLAIN), 'Failed: x\n');
  assert.equal(paintErrorPrefix('', p), '');
});

test('--no-color is removed before "--" only', () => {
  assert.deepEqual(extractNoColor(['get', '--no-color', 'ippool']), {argv: ['get', 'ippool'], noColor: true});
  assert.deepEqual(extractNoColor(['--no-color', 'version', '--no-color']), {argv: ['version'], noColor: true});
  assert.deepEqual(extractNoColor(['get', 'ippool']), {argv: ['get', 'ippool'], noColor: false});
  assert.deepEqual(extractNoColor(['completion', 'complete', '--', 'get', '--no-color']), {argv: ['completion', 'complete', '--', 'get', '--no-color'], noColor: false});
});

function fakeStream(isTTY) {
  return {isTTY, text: '', write(t) { this.text += t; }};
}

test('progress draws on a terminal after the delay, throttled, and erases its line', () => {
  let now = 0;
  const s = fakeStream(true);
  const p = progress(10, {label: 'Applying', stream: s, now: () => now, delayMs: 300, intervalMs: 100, env: {}});
  assert.equal(p.active, true);
  p.tick();
  assert.equal(s.text, '', 'nothing before the delay');
  now = 300;
  p.tick();
  assert.equal(s.text, '\r\u001b[KApplying 2/10 (20%)');
  now = 350;
  p.tick();
  assert.equal(s.text, '\r\u001b[KApplying 2/10 (20%)', 'throttled');
  now = 400;
  p.update(9);
  now = 410;
  p.tick(); // the last item is always drawn
  p.done();
  p.done();
  assert.equal(s.text, '\r\u001b[KApplying 2/10 (20%)\r\u001b[KApplying 9/10 (90%)\r\u001b[KApplying 10/10 (100%)\r\u001b[K');
});

test('progress is silent off a terminal and on TERM=dumb, and erases nothing it did not draw', () => {
  for (const [stream, env] of [[fakeStream(false), {}], [fakeStream(true), {TERM: 'dumb'}]]) {
    const p = progress(2, {stream, now: () => 10_000, delayMs: 0, env});
    assert.equal(p.active, false);
    p.tick(2);
    p.done();
    assert.equal(stream.text, '');
  }
  const quick = fakeStream(true);
  const p = progress(2, {stream: quick, now: () => 0, env: {}});
  p.tick(2);
  p.done();
  assert.equal(quick.text, '');
  assert.equal(progressEnabled({isTTY: true}, {}), true);
  assert.equal(formatProgress('', 0, 0), '0/0 (100%)');
  assert.equal(formatProgress('Importing', 1, 3), 'Importing 1/3 (33%)');
});

test('the program presents itself as "kubectl calico" when started as kubectl-*', () => {
  assert.equal(isKubectlPlugin('/usr/local/bin/kubectl-calico'), true);
  assert.equal(isKubectlPlugin('/usr/local/bin/calicoctl'), false);
  assert.equal(isKubectlPlugin(undefined), false);
  assert.equal(programName('/x/kubectl-calico'), 'kubectl calico');
  assert.equal(programName('/x/calicoctl'), 'calicoctl');
  assert.equal(isKubectlCompletionHelper('/x/kubectl_complete-calico'), true);
  assert.equal(isKubectlCompletionHelper('/x/kubectl-calico'), false);
  const root = new URL('../../', import.meta.url);
  const opts = kubectlPluginLoadOptions(root);
  assert.equal(opts.root, fileURLToPath(root));
  assert.equal(opts.pjson.oclif.bin, 'kubectl calico');
  assert.equal(opts.pjson.oclif.topicSeparator, ' ');
  assert.match(opts.pjson.description, /^calico kubectl plugin: /);
});
