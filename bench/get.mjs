#!/usr/bin/env node
// `get` budgets (issue 3, item 5), against a throwaway local etcd:
//   1. `calicoctl get globalnetworkpolicy -o yaml` with 10,000 policies: under 3 s wall (process start included).
//   2. `calicoctl get ippool NAME`: median within 4x of the median `node -e 0`, measured in the same run,
//      alternating the two so machine load affects both alike.
// The datastore is seeded directly with the etcd3 client (values shaped as Calico 3.32 stores them).
// Usage: node bench/get.mjs [--policies N] [--runs N] [--json]   (needs a built dist/ and etcd installed)
import {fileURLToPath} from 'node:url';
import {startEtcd} from '../scripts/lib/etcd-server.mjs';
import {argNumber, median, timeProcess} from './lib/measure.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = fileURLToPath(new URL('../bin/run.js', import.meta.url));
const POLICIES = argNumber('--policies', 10000);
const RUNS = argNumber('--runs', 9);
const YAML_BUDGET_S = 3;
const START_RATIO_BUDGET = 4;

function policy(i) {
  const name = `policy-${String(i).padStart(5, '0')}`;
  return {
    kind: 'GlobalNetworkPolicy',
    apiVersion: 'projectcalico.org/v3',
    metadata: {name, uid: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`, creationTimestamp: '2026-01-01T00:00:00Z', labels: {'projectcalico.org/tier': 'default'}},
    spec: {
      tier: 'default',
      order: 100 + i,
      selector: `app == 'web-${i % 50}' && environment in {'production', 'staging'}`,
      ingress: [{action: 'Allow', protocol: 'TCP', source: {selector: "role == 'frontend'"}, destination: {ports: [80, 443, '8000:8080']}}],
      egress: [{action: 'Allow'}],
      types: ['Ingress', 'Egress'],
    },
  };
}

async function seed(endpoint) {
  const {Etcd3} = await import('etcd3');
  const client = new Etcd3({hosts: endpoint});
  try {
    const prefix = '/calico/resources/v3/projectcalico.org';
    for (let i = 0; i < POLICIES; i += 100) {
      const batch = [];
      for (let j = i; j < Math.min(i + 100, POLICIES); j++) {
        const p = policy(j);
        batch.push(client.put(`${prefix}/globalnetworkpolicies/${p.metadata.name}`).value(JSON.stringify(p)));
      }
      await Promise.all(batch);
    }
    const pool = {kind: 'IPPool', apiVersion: 'projectcalico.org/v3', metadata: {name: 'pool1', uid: 'u-pool1', creationTimestamp: '2026-01-01T00:00:00Z'}, spec: {cidr: '10.0.0.0/16', vxlanMode: 'Never', ipipMode: 'Never', natOutgoing: true, blockSize: 26, nodeSelector: 'all()', allowedUses: ['Workload', 'Tunnel'], assignmentMode: 'Automatic'}};
    await client.put(`${prefix}/ippools/pool1`).value(JSON.stringify(pool));
  } finally {
    client.close();
  }
}

function timed(cmd, args, env) {
  const r = timeProcess(cmd, args, {cwd: root, env});
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr}${r.stdout.slice(0, 2000)}`);
  return {seconds: r.ms / 1000, stdout: r.stdout};
}

const etcd = await startEtcd({name: 'bench-get'});
try {
  await seed(etcd.endpoint);
  const env = {...process.env, ETCD_ENDPOINTS: etcd.endpoint, DATASTORE_TYPE: 'etcdv3'};
  // No --config: the default path is absent here, so the environment configures the client.
  const getArgs = (...a) => [process.execPath, [bin, ...a, '--allow-version-mismatch']];

  const yamlTimes = [];
  let yamlBytes = 0;
  for (let i = 0; i < 3; i++) {
    const r = timed(...getArgs('get', 'globalnetworkpolicy', '-o', 'yaml'), env);
    yamlTimes.push(r.seconds);
    yamlBytes = r.stdout.length;
    // A budget met by printing too little means nothing.
    const printed = r.stdout.split('\n- apiVersion: ').length - 1;
    if (printed !== POLICIES) throw new Error(`expected ${POLICIES} policies in the YAML, got ${printed}`);
  }
  const nodeTimes = [];
  const getTimes = [];
  timed(...getArgs('get', 'ippool', 'pool1'), env); // warm the file cache
  for (let i = 0; i < RUNS; i++) {
    nodeTimes.push(timed(process.execPath, ['-e', '0'], env).seconds);
    getTimes.push(timed(...getArgs('get', 'ippool', 'pool1'), env).seconds);
  }
  const result = {
    policies: POLICIES,
    yamlSecondsMedian: median(yamlTimes),
    yamlBytes,
    yamlBudgetSeconds: YAML_BUDGET_S,
    yamlWithinBudget: median(yamlTimes) < YAML_BUDGET_S,
    nodeStartSecondsMedian: median(nodeTimes),
    getIppoolSecondsMedian: median(getTimes),
    startRatio: median(getTimes) / median(nodeTimes),
    startRatioBudget: START_RATIO_BUDGET,
    startWithinBudget: median(getTimes) / median(nodeTimes) <= START_RATIO_BUDGET,
  };
  if (process.argv.includes('--json')) console.log(JSON.stringify(result, null, 2));
  else {
    console.log(`get ${POLICIES} GlobalNetworkPolicies -o yaml: ${result.yamlSecondsMedian.toFixed(2)} s median of 3 (${(yamlBytes / 1e6).toFixed(1)} MB; budget < ${YAML_BUDGET_S} s) ${result.yamlWithinBudget ? 'OK' : 'OVER BUDGET'}`);
    console.log(
      `get ippool NAME: ${(result.getIppoolSecondsMedian * 1000).toFixed(0)} ms vs node -e 0: ${(result.nodeStartSecondsMedian * 1000).toFixed(0)} ms ` +
        `(median of ${RUNS}) = ${result.startRatio.toFixed(2)}x (budget <= ${START_RATIO_BUDGET}x) ${result.startWithinBudget ? 'OK' : 'OVER BUDGET'}`,
    );
  }
  process.exitCode = result.yamlWithinBudget && result.startWithinBudget ? 0 : 1;
} finally {
  await etcd.stop();
}
