#!/usr/bin/env node
// `validate` budgets (issue 2, Deliver 6 / "How it is checked"):
//   1. `calicoctl validate -f FILE` with a generated 10,000-resource multi-document file: under 2 s wall
//      (process start included); also reports resources per second.
//   2. `calicoctl validate -f small.yaml`: median within 2x of the median `node -e 0`, measured in the same
//      run, alternating the two so machine load affects both alike.
// Usage: node bench/validate.mjs [--resources N] [--runs N] [--json]   (needs a built dist/)
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {argNumber, median, timeProcess} from './lib/measure.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = fileURLToPath(new URL('../bin/run.js', import.meta.url));
const RESOURCES = argNumber('--resources', 10000);
const RUNS = argNumber('--runs', 9);
const BULK_BUDGET_S = 2;
const START_RATIO_BUDGET = 2;

/** A realistic mix: policies with rules and selectors, pools, network sets, peers. */
function resource(i) {
  const n = String(i).padStart(5, '0');
  switch (i % 4) {
    case 0:
      return `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: policy-${n}
spec:
  order: ${100 + i}
  selector: app == 'web-${i % 50}' && environment in {'production', 'staging'}
  ingress:
    - action: Allow
      protocol: TCP
      source:
        selector: role == 'frontend'
      destination:
        ports: [80, 443, '8000:8080']
  egress:
    - action: Allow
  types: [Ingress, Egress]
`;
    case 1:
      return `apiVersion: projectcalico.org/v3
kind: IPPool
metadata:
  name: pool-${n}
spec:
  cidr: 10.${(i >> 8) & 255}.${i & 255}.0/24
  blockSize: 26
  ipipMode: Never
  vxlanMode: Always
  natOutgoing: true
  nodeSelector: all()
`;
    case 2:
      return `apiVersion: projectcalico.org/v3
kind: NetworkSet
metadata:
  name: set-${n}
  namespace: ns-${i % 20}
  labels:
    role: db
spec:
  nets:
    - 192.168.${i & 255}.0/24
    - 2001:db8:${(i & 0xffff).toString(16)}::/64
`;
    default:
      return `apiVersion: projectcalico.org/v3
kind: BGPPeer
metadata:
  name: peer-${n}
spec:
  peerIP: 192.0.2.${i & 255}
  asNumber: ${64512 + (i % 1000)}
  nodeSelector: rack == 'r${i % 10}'
`;
  }
}

const timed = (cmd, args) => timeProcess(cmd, args, {cwd: root});

const dir = mkdtempSync(join(tmpdir(), 'calicoctl-bench-validate-'));
try {
  const bulk = join(dir, 'bulk.yaml');
  writeFileSync(bulk, Array.from({length: RESOURCES}, (_, i) => resource(i)).join('---\n'));
  const small = join(dir, 'small.yaml');
  writeFileSync(small, resource(1));

  // Warm the file cache and check correctness first: a budget met by failing fast means nothing.
  for (const f of [bulk, small]) {
    const r = timed(process.execPath, [bin, 'validate', '-f', f]);
    if (r.status !== 0) {
      console.error(`validate -f ${f} failed (exit ${r.status}):\n${r.stdout}${r.stderr.slice(0, 2000)}`);
      process.exit(2);
    }
  }

  const bulkRuns = [];
  for (let i = 0; i < Math.max(3, Math.ceil(RUNS / 3)); i++) bulkRuns.push(timed(process.execPath, [bin, 'validate', '-f', bulk]).ms);
  const nodeRuns = [];
  const smallRuns = [];
  for (let i = 0; i < RUNS; i++) {
    nodeRuns.push(timed(process.execPath, ['-e', '0']).ms);
    smallRuns.push(timed(process.execPath, [bin, 'validate', '-f', small]).ms);
  }
  const bulkMs = median(bulkRuns);
  const nodeMs = median(nodeRuns);
  const smallMs = median(smallRuns);
  const ratio = smallMs / nodeMs;
  const rows = [
    {measure: `validate ${RESOURCES} resources (median of ${bulkRuns.length})`, value: `${(bulkMs / 1000).toFixed(2)} s`, budget: `< ${BULK_BUDGET_S} s`, ok: bulkMs < BULK_BUDGET_S * 1000},
    {measure: 'resources per second', value: `${Math.round(RESOURCES / (bulkMs / 1000))}`, budget: '', ok: true},
    {measure: `node -e 0 (median of ${RUNS})`, value: `${nodeMs.toFixed(0)} ms`, budget: '', ok: true},
    {measure: `validate one small file (median of ${RUNS})`, value: `${smallMs.toFixed(0)} ms`, budget: '', ok: true},
    {measure: 'small file / node -e 0', value: `${ratio.toFixed(2)}x`, budget: `<= ${START_RATIO_BUDGET}x`, ok: ratio <= START_RATIO_BUDGET},
  ];
  if (process.argv.includes('--json')) console.log(JSON.stringify({rows, bulkMs, nodeMs, smallMs, ratio}, null, 2));
  else {
    const w = [Math.max(...rows.map((r) => r.measure.length)), Math.max(...rows.map((r) => r.value.length)), Math.max(...rows.map((r) => r.budget.length))];
    const line = (a, b, c, d) => `${a.padEnd(w[0])}  ${b.padStart(w[1])}  ${c.padEnd(w[2])}  ${d}`;
    console.log(line('MEASURE', 'VALUE', 'BUDGET', 'RESULT'));
    for (const r of rows) console.log(line(r.measure, r.value, r.budget, r.budget ? (r.ok ? 'ok' : 'MISSED') : ''));
  }
  process.exit(rows.every((r) => r.ok) ? 0 : 1);
} finally {
  rmSync(dir, {recursive: true, force: true});
}
