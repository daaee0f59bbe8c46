import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {parseForFastPath} from '../../dist/lib/cli/fast-path.js';
import {reorderGlobalOptions} from '../../dist/main.js';

const commands = JSON.parse(readFileSync(new URL('../../oclif.manifest.json', import.meta.url), 'utf8')).commands;

test('fast path parses long, short and joined flags with defaults', () => {
  const p = parseForFastPath(['version', '--client', '-c', '/x.cfg'], commands);
  assert.equal(p.id, 'version');
  assert.equal(p.flags.client, true);
  assert.equal(p.flags.config, '/x.cfg');
  assert.equal(p.flags['log-level'], 'panic');
  const q = parseForFastPath(['version', '--config=/y', '-ldebug'], commands);
  assert.equal(q.flags.config, '/y');
  assert.equal(q.flags['log-level'], 'debug');
});

test('fast path leaves help, unknown flags and unknown commands to oclif', () => {
  assert.equal(parseForFastPath(['version', '--help'], commands), undefined);
  assert.equal(parseForFastPath(['version', '-h'], commands), undefined);
  assert.equal(parseForFastPath(['version', '--nope'], commands), undefined);
  assert.equal(parseForFastPath(['nope'], commands), undefined);
  assert.equal(parseForFastPath(['version', 'extra'], commands), undefined);
});

test('global options before the command move behind it', () => {
  assert.deepEqual(reorderGlobalOptions(['-l', 'debug', 'get', 'ippool']), ['get', 'ippool', '-l', 'debug']);
  assert.deepEqual(reorderGlobalOptions(['--allow-version-mismatch', 'get', 'x', '--', 'y']), ['get', 'x', '--allow-version-mismatch', '--', 'y']);
  assert.deepEqual(reorderGlobalOptions(['--log-level=info', 'version']), ['version', '--log-level=info']);
  assert.deepEqual(reorderGlobalOptions(['get', 'ippool']), ['get', 'ippool']);
});
