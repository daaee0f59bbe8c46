#!/usr/bin/env node
// Bulk apply benchmark: `calicoctl apply -f` of 1,000 and 10,000 GlobalNetworkPolicies against a baseline
// that does what calicoctl does (a get and a write transaction per resource, sequentially, same client
// code, same etcd; process start included for both). Budget: >= 3x faster at 1,000, >= 6x at 10,000.
// Prints a table; exits 1 when a budget is missed. Usage: node bench/apply.mjs [--sizes 1000,10000]
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {startEtcd} from '../scripts/lib/etcd-server.mjs';
import {median, timeProcess} from './lib/measure.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const sizesArg = process.argv.indexOf('--sizes');
const sizes = sizesArg > 0 ? process.argv[sizesArg + 1].split(',').map(Number) : [1000, 10000];
const BUDGET = (n) => (n >= 10000 ? 6 : 3);

function manifest(n) {
  const docs = [];
  for (let i = 0; i < n; i++) {
    docs.push(
      `apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata:\n  name: bench-${i}\n  labels:\n    app: bench\nspec:\n  order: ${i}\n  selector: app == 'web-${i % 50}'\n  ingress:\n  - action: Allow\n    protocol: TCP\n    source:\n      selector: role == 'frontend'\n    destination:\n      ports: [80, 443]\n  egress:\n  - action: Allow\n`,
    );
  }
  return docs.join('---\n');
}

function timed(args, env) {
  const r = timeProcess(process.execPath, args, {cwd: root, env: {...process.env, ...env}, maxBuffer: 1 << 26});
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stdout}${r.stderr}`);
  return {ms: r.ms, stdout: r.stdout.trim()};
}

async function wipe(endpoint) {
  const b64 = (s) => Buffer.from(s).toString('base64');
  await fetch(`${endpoint}/v3/kv/deleterange`, {method: 'POST', body: JSON.stringify({key: b64('/'), range_end: b64('0')})});
}

const dir = mkdtempSync(join(tmpdir(), 'calicoctl-bench-apply-'));
const etcd = await startEtcd({name: 'bench'});
const rows = [];
let failed = false;
try {
  const env = {ETCD_ENDPOINTS: etcd.endpoint};
  // Warm-up (file cache, etcd) for both, untimed.
  const warm = join(dir, 'warm.yaml');
  writeFileSync(warm, manifest(10));
  timed(['bin/run.js', 'apply', '-f', warm], env);
  timed(['bench/lib/baseline-apply.mjs', warm], env);
  for (const n of sizes) {
    const file = join(dir, `gnp-${n}.yaml`);
    writeFileSync(file, manifest(n));
    for (const phase of ['create', 'update']) {
      // "create": empty datastore; "update": every policy already exists.
      // Median of 3 runs below 10,000 resources (the machine may be shared); one run at 10,000.
      const runs = n >= 10000 ? 1 : 3;
      const oursMs = [];
      const baseMs = [];
      let ours;
      let base;
      for (let k = 0; k < runs; k++) {
        if (phase === 'create') await wipe(etcd.endpoint);
        ours = timed(['bin/run.js', 'apply', '-f', file], env);
        oursMs.push(ours.ms);
        if (phase === 'create') await wipe(etcd.endpoint);
        base = timed(['bench/lib/baseline-apply.mjs', file], env);
        baseMs.push(base.ms);
      }
      ours = {...ours, ms: median(oursMs)};
      base = {...base, ms: median(baseMs)};
      const expected = `Successfully applied ${n} 'GlobalNetworkPolicy' resource(s)`;
      if (ours.stdout !== expected || base.stdout !== expected) throw new Error(`unexpected output: ${ours.stdout} / ${base.stdout}`);
      const ratio = base.ms / ours.ms;
      const ok = ratio >= BUDGET(n);
      if (!ok) failed = true;
      rows.push([String(n), phase, ours.ms.toFixed(0), base.ms.toFixed(0), `${ratio.toFixed(1)}x`, `>= ${BUDGET(n)}x`, ok ? 'ok' : 'MISS']);
    }
  }
} finally {
  await etcd.stop();
  rmSync(dir, {recursive: true, force: true});
}

const head = ['resources', 'existing', 'apply ms', 'baseline ms', 'speed-up', 'budget', ''];
const table = [head, ...rows.map((r) => [r[0], r[1] === 'update' ? 'yes' : 'no', ...r.slice(2)])];
const widths = head.map((_, i) => Math.max(...table.map((r) => r[i].length)));
for (const r of table) console.log(r.map((c, i) => c.padStart(widths[i])).join('  ').trimEnd());
process.exit(failed ? 1 : 0);
