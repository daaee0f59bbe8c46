#!/usr/bin/env node
// `npm run bench`: builds once, then runs every benchmark in bench/ one after another (never in parallel:
// they measure wall time) and prints a summary. Exits 1 when any budget is missed.
import {spawnSync} from 'node:child_process';
import {readdirSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('..', import.meta.url));
const only = process.argv.slice(2);
if (!process.env.BENCH_NO_BUILD) spawnSync(process.execPath, ['scripts/build.mjs'], {cwd: root, stdio: 'inherit'});

const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.mjs') && f !== 'run.mjs')
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();
const summary = [];
for (const f of benches) {
  console.log(`\n=== bench/${f} ===`);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [`bench/${f}`], {cwd: root, stdio: 'inherit'});
  summary.push({bench: f, ok: r.status === 0, seconds: ((Date.now() - t0) / 1000).toFixed(1)});
}
console.log('\n| bench | budgets | took |\n| --- | --- | --- |');
for (const s of summary) console.log(`| ${s.bench} | ${s.ok ? 'met' : 'MISSED'} | ${s.seconds} s |`);
process.exit(summary.every((s) => s.ok) ? 0 : 1);
