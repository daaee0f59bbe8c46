#!/usr/bin/env node
// `npm test`: set up (dependencies, Debian packages, build), then run every test with node's runner.
import {spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {readdirSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {build, ensureNodeModules, ensureSystemPackages} from './setup.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
ensureNodeModules();
ensureSystemPackages();
if (!process.argv.includes('--no-build')) build();

function findTests(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...findTests(p));
    else if (name.endsWith('.test.mjs')) out.push(p);
  }
  return out;
}
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const files = only.length ? only : findTests(join(root, 'test'));
// A test that hangs fails after 3 minutes instead of holding CI until its deadline.
const r = spawnSync(process.execPath, ['--test', '--test-concurrency=2', '--test-timeout=180000', ...files], {cwd: root, stdio: 'inherit'});
process.exit(r.status ?? 1);
