import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {runCli, ROOT} from '../helpers/cli.mjs';

const pkg = JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8'));

test('version --client prints the package version', async () => {
  const r = await runCli(['version', '--client']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, new RegExp(`^Client Version:    v${pkg.version.replace(/\./g, '\\.')}\nGit commit:        \\S+\n$`));
  assert.equal(r.stderr, '');
});

test('unknown command: one line, exit 1', async () => {
  const r = await runCli(['frobnicate']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^unknown command: "frobnicate"\n/);
});

test('bad log level before the command', async () => {
  const r = await runCli(['-l', 'loud', 'version', '--client']);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'unknown log level: loud, expected one of: panic, fatal, error, warn, info, debug\n');
});

test('unknown flag exits 1 without a stack trace', async () => {
  const r = await runCli(['version', '--bogus']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /Nonexistent flag: --bogus/);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
});
