#!/usr/bin/env node
// `node status` start-up budget (issue 4, Deliver 6): the median wall time of `calicoctl node status`
// against real BIRD 1.6 daemons (IPv4 + IPv6 peers) stays within 1.5x of the median `node -e 0`, measured
// in the same run, alternating the two so machine load affects both alike. Also times `-o json`
// (two socket round trips with `show protocols all`) and `node checksystem`, for information.
// Usage: node bench/node-status.mjs [--runs N] [--json]   (needs a built dist/ and bird/bird6 installed)
import {fileURLToPath} from 'node:url';
import {startBird1Fixture, startFakeFelix} from '../test/helpers/bird.mjs';
import {median, timeProcess} from './lib/measure.mjs';

const bin = fileURLToPath(new URL('../bin/run.js', import.meta.url));
const i = process.argv.indexOf('--runs');
const RUNS = i > 0 ? Number(process.argv[i + 1]) : 15;
const BUDGET = 1.5;

function timeRun(args, env) {
  const r = timeProcess(process.execPath, args, {env: {...process.env, ...env}});
  return {ms: r.ms, r};
}

const felix = startFakeFelix();
const fx = await startBird1Fixture();
try {
  const env = {CALICOCTL_ASSUME_ROOT: '1'};
  const status = [bin, 'node', 'status', '--bird-socket', fx.socket, '--bird6-socket', fx.socket6];
  const cases = {
    'node -e 0': [['-e', '0'], {}],
    'node status': [status, env],
    'node status -o json': [[...status, '-o', 'json'], env],
    'node checksystem': [[bin, 'node', 'checksystem'], env],
  };
  // Warm the file-system cache; a run that fails would measure the wrong thing.
  for (const [name, [args, e]] of Object.entries(cases)) {
    const {r} = timeRun(args, e);
    if (name.startsWith('node status') && r.status !== 0) throw new Error(`${name} failed (${r.status}): ${r.stderr}`);
  }
  const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (let run = 0; run < RUNS; run++) {
    for (const [name, [args, e]] of Object.entries(cases)) times[name].push(timeRun(args, e).ms);
  }
  const medians = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
  const ratio = medians['node status'] / medians['node -e 0'];
  const result = {runs: RUNS, medianMs: medians, ratio: Number(ratio.toFixed(2)), budget: BUDGET, ok: ratio <= BUDGET};
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(result, null, 2));
  } else {
    for (const [k, v] of Object.entries(medians)) console.log(`${k.padEnd(22)} median ${v.toFixed(1)} ms`);
    console.log(`node status / node -e 0 = ${ratio.toFixed(2)} (budget ${BUDGET}): ${result.ok ? 'OK' : 'OVER BUDGET'}`);
  }
  process.exitCode = result.ok ? 0 : 1;
} finally {
  await felix.stop();
  await fx.stop();
}
