// Cluster failover: a 3-member etcd cluster on loopback with every endpoint configured. A member (the
// leader, then a follower) is killed in the middle of a bulk apply: the command completes or names
// exactly the resources it did not write; everything reported applied is in etcd, intact. With every
// member down the command fails clearly within the timeout.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {runCli} from '../helpers/cli.mjs';
import {startCluster} from '../helpers/etcd-cluster.mjs';

const R = '/calico/resources/v3/projectcalico.org/';
let cluster;
before(async () => {
  cluster = await startCluster({size: 3});
});
after(async () => cluster?.stop());

// FAILOVER_TIMEOUT and FAILOVER_COUNT let the scenarios be rerun with other parameters.
const env = () => ({ETCD_ENDPOINTS: cluster.endpoints.join(','), CALICOCTL_TIMEOUT: process.env.FAILOVER_TIMEOUT ?? '8s'});
const COUNT = Number(process.env.FAILOVER_COUNT ?? 600);

/** Many sets, with tiers in between so the run mixes batched transactions and one-by-one writes. */
function manifest(tag, count) {
  const docs = [];
  for (let i = 0; i < count; i++) {
    if (i % 10 === 9) docs.push(`apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata: {name: ${tag}-tier-${i}}\nspec: {order: ${i}}\n`);
    else docs.push(`apiVersion: projectcalico.org/v3\nkind: GlobalNetworkSet\nmetadata: {name: ${tag}-${i}, labels: {run: ${tag}}}\nspec: {nets: [10.${i % 250}.${i % 200}.0/24]}\n`);
  }
  return docs.join('---\n');
}

function keyOf(tag, i) {
  return i % 10 === 9 ? `${R}tiers/${tag}-tier-${i}` : `${R}globalnetworksets/${tag}-${i}`;
}

/** Starts `apply`, kills member `victim()` as soon as the first resource of the run is in etcd. */
async function applyWhileKilling(tag, count, victim) {
  const run = runCli(['apply', '-f', '-'], {env: env(), input: manifest(tag, count), timeoutMs: 60000});
  let killed = -1;
  const deadline = Date.now() + 20000;
  while (Date.now() < deadline) {
    const seen = await cluster.readAll({prefix: `${R}globalnetworksets/${tag}-`}).catch(() => ({}));
    if (Object.keys(seen).length > 0) {
      killed = await victim();
      await cluster.kill(killed);
      break;
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  const start = Date.now();
  const result = await run;
  if (process.env.FAILOVER_DEBUG) console.log(tag, 'killed', killed, 'apply finished', Date.now() - start, 'ms after the kill', result);
  return {result, killed};
}

/** Every resource is either stored intact or named in the command's errors; the summary agrees. */
async function checkOutcome(tag, count, {code, stdout, stderr}) {
  const stored = await cluster.readAll({prefix: R});
  const missing = [];
  for (let i = 0; i < count; i++) {
    const value = stored[keyOf(tag, i)];
    if (value === undefined) {
      missing.push(i);
      continue;
    }
    const res = JSON.parse(value);
    if (i % 10 === 9) assert.deepEqual(res.spec, {order: i, defaultAction: 'Deny'}, `tier ${i} intact`);
    else assert.deepEqual(res.spec, {nets: [`10.${i % 250}.${i % 200}.0/24`]}, `set ${i} intact`);
  }
  if (code === 0) {
    assert.equal(stderr, '');
    assert.equal(stdout, `Successfully applied ${count} resource(s)\n`);
    assert.deepEqual(missing, [], 'reported applied means stored');
    return;
  }
  // Each missing resource is named as not written.
  for (const i of missing) {
    const id = i % 10 === 9 ? `Tier(${tag}-tier-${i})` : `GlobalNetworkSet(${tag}-${i})`;
    assert.match(stderr, new RegExp(`${id.replace(/[()]/g, '\\$&')} (may )?not (have been )?written`), `${id} reported`);
  }
  assert.equal(code, 1);
}

test('a bulk apply survives the loss of the leader', async () => {
  const count = COUNT;
  const {result, killed} = await applyWhileKilling('lead', count, () => cluster.leaderIndex());
  try {
    assert.ok(killed >= 0, 'a member was killed during the run');
    await checkOutcome('lead', count, result);
    assert.equal(result.code, 0, `apply completed: ${result.stderr}`);
  } finally {
    if (killed >= 0) await cluster.restart(killed);
  }
});

test('a bulk apply survives the loss of a follower', async () => {
  const count = COUNT;
  const {result, killed} = await applyWhileKilling('follow', count, async () => {
    const leader = await cluster.leaderIndex();
    return (leader + 1) % 3;
  });
  assert.ok(killed >= 0);
  await checkOutcome('follow', count, result);
  assert.equal(result.code, 0, `apply completed: ${result.stderr}`);
});

test('with every member down the command fails clearly within the timeout', async () => {
  await Promise.all([0, 1, 2].map((i) => cluster.kill(i)));
  const start = Date.now();
  const r = await runCli(['apply', '-f', '-', '--allow-version-mismatch'], {env: {...env(), CALICOCTL_TIMEOUT: '2s'}, input: manifest('dead', 30)});
  const ms = Date.now() - start;
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  const refused = cluster.endpoints.map((e) => `${e}: connection refused`).join('; ');
  const perResource = [];
  for (let i = 0; i < 30; i++) {
    const id = i % 10 === 9 ? `Tier(dead-tier-${i})` : `GlobalNetworkSet(dead-${i})`;
    perResource.push(`${id} not written: failed to reach etcd: ${refused}`);
  }
  assert.equal(r.stderr, `failed to apply any resources: [${perResource.join(' ')}]\n`);
  assert.ok(ms < 6000, `took ${ms} ms`);
});

/**
 * A TCP proxy to one member that forwards everything but swallows etcd's reply to the first write of
 * `key` and cuts the connection: the write is applied, the client never hears so.
 */
async function lossyProxy(target, key) {
  const {createServer, connect} = await import('node:net');
  const needle = Buffer.from(key).toString('base64');
  let armed = true;
  const server = createServer((client) => {
    const upstream = connect(Number(new URL(target).port), '127.0.0.1');
    let dropReply = false;
    client.on('data', (d) => {
      if (armed && d.includes('requestPut') && d.includes(needle)) {
        armed = false;
        dropReply = true;
      }
      upstream.write(d);
    });
    upstream.on('data', (d) => {
      if (dropReply) client.destroy();
      else client.write(d);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end);
    upstream.on('error', end);
    client.on('close', end);
    upstream.on('close', end);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {endpoint: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)), swallowed: () => !armed};
}

test('a create whose reply was lost is found applied, not reported as already existing', async () => {
  await Promise.all([0, 1, 2].map((i) => cluster.restart(i)));
  const name = 'lost-reply';
  const proxy = await lossyProxy(cluster.endpoints[0], `${R}globalnetworksets/${name}`);
  try {
    const r = await runCli(['create', '-f', '-'], {
      env: {ETCD_ENDPOINTS: proxy.endpoint, CALICOCTL_TIMEOUT: '5s'},
      input: `apiVersion: projectcalico.org/v3\nkind: GlobalNetworkSet\nmetadata: {name: ${name}}\nspec: {nets: [10.7.0.0/16]}\n`,
    });
    assert.ok(proxy.swallowed(), 'the reply to the write was dropped');
    assert.deepEqual(r, {code: 0, stdout: "Successfully created 1 'GlobalNetworkSet' resource(s)\n", stderr: ''});
    assert.deepEqual(JSON.parse((await cluster.readAll({prefix: `${R}globalnetworksets/${name}`}))[`${R}globalnetworksets/${name}`]).spec, {nets: ['10.7.0.0/16']});
  } finally {
    await proxy.close();
  }
});

test('a long-lived client (version --poll) reaches etcd again once it is back', async () => {
  const {EtcdClient} = await import('../../dist/lib/datastore/etcd-client.js');
  const client = new EtcdClient({endpoints: cluster.endpoints, timeoutMs: 500});
  try {
    await Promise.all([0, 1, 2].map((i) => cluster.kill(i)));
    await assert.rejects(client.range('/calico/'), /failed to reach etcd/);
    // Within the next timeout window the failure is repeated at once.
    const start = Date.now();
    await assert.rejects(client.range('/calico/'), /failed to reach etcd/);
    assert.ok(Date.now() - start < 100);
    await Promise.all([0, 1, 2].map((i) => cluster.restart(i)));
    await new Promise((r) => setTimeout(r, 500));
    assert.equal((await client.range('/calico/', {prefix: true, keysOnly: true})).kvs.length > 0, true);
  } finally {
    client.close();
  }
});
