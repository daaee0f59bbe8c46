// `node status` against real BIRD 1.6 daemons (bird + bird6) with real BGP sessions on loopback, and a
// real fake-Felix process. Times in the output are masked (BIRD 1.6 `since` jitters by a second).
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {runCli} from '../helpers/cli.mjs';
import {fakeProcTree, freePortRetry, startBird1Fixture, startFakeFelix, startLoneBird} from '../helpers/bird.mjs';

let fx;
let felix;
let tmp;
before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'calicoctl-node-status-'));
  felix = startFakeFelix('calico-node');
  fx = await startBird1Fixture();
});
after(async () => {
  await felix?.stop();
  await fx?.stop();
  rmSync(tmp, {recursive: true, force: true});
});

// A refused peer spends a moment in Idle (error wait) between its Active retries: ~0.5% of queries.
const IDLE_CELL = /\| Idle Socket: Connection {2}/g;
const maskTimes = (s) => s.replace(/\d\d:\d\d:\d\d/g, 'HH:MM:SS').replace(IDLE_CELL, '| Active Socket: Connection');
const activeOrIdle = (state) => (state === 'Idle' ? 'Active' : state);
const sockets = () => ['--bird-socket', fx.socket, '--bird6-socket', fx.socket6];
const status = (args = [], env = {}) => runCli(['node', 'status', ...args], {env: {CALICOCTL_ASSUME_ROOT: '1', ...env}});

test('table: calicoctl layout, every Calico peer (disabled and down too), non-Calico skipped, ports decoded', async () => {
  const r = await status(sockets());
  const {P} = fx.vars;
  assert.equal(r.stderr, '');
  assert.equal(r.code, 0);
  assert.equal(
    maskTimes(r.stdout),
    `Calico process is running.

IPv4 BGP status
+--------------+-------------------+-------+----------+--------------------------------+
| PEER ADDRESS |     PEER TYPE     | STATE |  SINCE   |              INFO              |
+--------------+-------------------+-------+----------+--------------------------------+
| ${P}.2  | node-to-node mesh | up    | HH:MM:SS | Established                    |
| ${P}.3  | node specific     | up    | HH:MM:SS | Established                    |
| ${P}.9  | global            | start | HH:MM:SS | Active Socket: Connection      |
|              |                   |       |          | refused                        |
| ${P}.10 | global            | down  | HH:MM:SS |                                |
| ${P}.11 | node specific     | start | HH:MM:SS | Passive                        |
+--------------+-------------------+-------+----------+--------------------------------+

IPv6 BGP status
+--------------+---------------+-------+----------+--------------------------------+
| PEER ADDRESS |   PEER TYPE   | STATE |  SINCE   |              INFO              |
+--------------+---------------+-------+----------+--------------------------------+
| ::1          | node specific | up    | HH:MM:SS | Established                    |
| ::1          | global        | start | HH:MM:SS | Active Socket: Connection      |
|              |               |       |          | refused                        |
| ::1          | global        | down  | HH:MM:SS |                                |
+--------------+---------------+-------+----------+--------------------------------+

`,
  );
});

test('-o json: one record per peer with details from show protocols all', async () => {
  const r = await status([...sockets(), '-o', 'json']);
  assert.equal(r.code, 0);
  assert.equal(r.stderr, '');
  const peers = JSON.parse(r.stdout);
  const {P, U, P6B, P6X, P6D} = fx.vars;
  const summary = peers.map((p) => [p.family, p.protocol, p.peerIP, p.peerPort, p.peerType, p.state, activeOrIdle(p.bgpState), p.info, p.neighborAS, p.lastError]);
  assert.deepEqual(summary, [
    ['IPv4', `Mesh_${U}_2`, `${P}.2`, null, 'node-to-node mesh', 'up', 'Established', '', 64512, null],
    ['IPv4', `Node_${U}_3`, `${P}.3`, null, 'node specific', 'up', 'Established', '', 64513, null],
    ['IPv4', `Global_${U}_9`, `${P}.9`, null, 'global', 'start', 'Active', 'Socket: Connection refused', 64999, 'Socket: Connection refused'],
    ['IPv4', `Global_${U}_10`, `${P}.10`, null, 'global', 'down', 'Down', '', 64999, null],
    ['IPv4', `Node_${U}_11`, `${P}.11`, null, 'node specific', 'start', 'Passive', '', 64512, null],
    ['IPv6', `Node___1_port_${P6B}`, '::1', P6B, 'node specific', 'up', 'Established', '', 64512, null],
    ['IPv6', `Global___1_port_${P6X}`, '::1', P6X, 'global', 'start', 'Active', 'Socket: Connection refused', 64999, 'Socket: Connection refused'],
    ['IPv6', `Global___1_port_${P6D}`, '::1', P6D, 'global', 'down', 'Down', '', 64999, null],
  ]);
  for (const p of peers) {
    assert.match(p.since, /^\d\d:\d\d:\d\d$/);
    assert.deepEqual(Object.keys(p), ['family', 'protocol', 'peerIP', 'peerPort', 'peerType', 'state', 'since', 'bgpState', 'info', 'neighborAS', 'lastError', 'routes']);
    if (p.state === 'down') assert.equal(p.routes, null);
    else assert.deepEqual(Object.keys(p.routes), ['imported', 'exported', 'preferred']);
  }
  // Established sessions exchange the static routes (A exports its own and the one learned from B/C).
  assert.ok(peers[0].routes.exported >= 1);
});

test('--check: 2 when a Calico peer is not Established, 0 when all are (peer nodes B and B6)', async () => {
  const bad = await status([...sockets(), '--check']);
  assert.equal(bad.code, 2);
  assert.match(bad.stdout, /^Calico process is running\.\n\nIPv4 BGP status\n/);
  const good = await status(['--bird-socket', join(fx.dir, 'b.ctl'), '--bird6-socket', join(fx.dir, 'b6.ctl'), '--check']);
  assert.equal(good.code, 0, good.stdout + good.stderr);
  assert.match(good.stdout, /\| node-to-node mesh \| up {4}\| \d\d:\d\d:\d\d \| Established \|/);
  const json = await status(['--bird-socket', join(fx.dir, 'b.ctl'), '--bird6-socket', join(fx.dir, 'b6.ctl'), '--check', '-o', 'json']);
  assert.equal(json.code, 0);
  assert.equal(JSON.parse(json.stdout).length, 2);
});

test('sockets from CALICO_BIRD_SOCKET / CALICO_BIRD6_SOCKET', async () => {
  const r = await status(['-o', 'json'], {CALICO_BIRD_SOCKET: fx.socket, CALICO_BIRD6_SOCKET: fx.socket6});
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).length, 8);
});

test('unreachable socket: calicoctl message and exit 0; --check and -o json exit 1', async () => {
  const missing = join(tmp, 'missing.ctl');
  const procs = fakeProcTree(tmp, [['calico-felix'], ['/usr/sbin/bird', '-R']]);
  const env = {CALICOCTL_PROC_ROOT: procs};
  const r = await status(['--bird-socket', missing], env);
  assert.equal(r.code, 0);
  assert.equal(
    r.stdout,
    `Calico process is running.\n\nIPv4 BGP status\nError querying BIRD: unable to connect to BIRDv4 socket: dial unix ${missing}: connect: no such file or directory\nINFO: BIRDv6 process: 'bird6' is not running.\n\n`,
  );
  assert.equal((await status(['--bird-socket', missing, '--check'], env)).code, 1);
  const j = await status(['--bird-socket', missing, '-o', 'json'], env);
  assert.equal(j.code, 1);
  assert.equal(j.stdout, '');
  assert.equal(j.stderr, `Error querying BIRD: unable to connect to BIRDv4 socket: dial unix ${missing}: connect: no such file or directory\n`);
});

test('only bird runs: IPv4 table, then the bird6 INFO line', async () => {
  const procs = fakeProcTree(tmp, [['calico-felix', '3600'], ['bird', '-c', 'a.conf']]);
  const r = await status(['--bird-socket', join(fx.dir, 'b.ctl')], {CALICOCTL_PROC_ROOT: procs});
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^Calico process is running\.\n\nIPv4 BGP status\n\+-+/);
  assert.ok(r.stdout.endsWith(`+\n\nINFO: BIRDv6 process: 'bird6' is not running.\n\n`), r.stdout);
});

test('no BIRD at all, no Felix, not root: calicoctl messages and exit codes', async () => {
  const felixOnly = fakeProcTree(tmp, [['calico-felix']]);
  const noBird = await status([], {CALICOCTL_PROC_ROOT: felixOnly});
  assert.deepEqual([noBird.code, noBird.stdout, noBird.stderr], [0, 'Calico process is running.\n\nThe BGP backend process (BIRD) is not running.\n\n', '']);
  assert.equal((await status(['--check'], {CALICOCTL_PROC_ROOT: felixOnly})).code, 1);

  const birdOnly = fakeProcTree(tmp, [['bird'], ['calico-node', '-confd']]);
  const noFelix = await status(sockets(), {CALICOCTL_PROC_ROOT: birdOnly});
  assert.deepEqual([noFelix.code, noFelix.stdout, noFelix.stderr], [1, '', 'Calico process is not running.\n']);

  const notRoot = await status(sockets(), {CALICOCTL_ASSUME_ROOT: '0'});
  assert.deepEqual([notRoot.code, notRoot.stdout, notRoot.stderr], [1, 'Need super user privileges: Operation not permitted\n', '']);
});

test('a socket that does not speak BIRD: what calicoctl printed so far, then the error, exit 1', async () => {
  const path = join(tmp, 'not-bird.ctl');
  const server = createServer((sock) => sock.end('HTTP/1.1 400 Bad Request\r\n'));
  await new Promise((r) => server.listen(path, r));
  try {
    const r = await status(['--bird-socket', fx.socket, '--bird6-socket', path]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^Calico process is running\.\n\nIPv4 BGP status\n\+-+/);
    assert.ok(r.stdout.endsWith('+\n\nIPv6 BGP status\n'), r.stdout);
    assert.equal(r.stderr, 'error executing command: unexpected output line from BIRD: "HTTP/1.1 400 Bad Request"\n');
  } finally {
    server.close();
  }
});

test('a daemon without Calico peers: No IPv4 peers found.', async () => {
  const lone = await startLoneBird('router id 10.9.9.8;\nprotocol device { scan time 10; }\nprotocol static { route 10.1.0.0/16 blackhole; }\n');
  try {
    const r = await status(['--bird-socket', lone.socket, '--bird6-socket', join(fx.dir, 'b6.ctl')]);
    assert.equal(r.code, 0);
    assert.equal(
      maskTimes(r.stdout),
      'Calico process is running.\n\nIPv4 BGP status\nNo IPv4 peers found.\n\nIPv6 BGP status\n' +
        '+--------------+---------------+-------+----------+-------------+\n' +
        '| PEER ADDRESS |   PEER TYPE   | STATE |  SINCE   |    INFO     |\n' +
        '+--------------+---------------+-------+----------+-------------+\n' +
        '| ::1          | node specific | up    | HH:MM:SS | Established |\n' +
        '+--------------+---------------+-------+----------+-------------+\n\n',
    );
    const j = await status(['--bird-socket', lone.socket, '--bird6-socket', join(fx.dir, 'b6.ctl'), '-o', 'json', '--check']);
    assert.equal(j.code, 0);
    assert.equal(JSON.parse(j.stdout).length, 1);
  } finally {
    await lone.stop();
  }
});

test('timeformat iso long: a since with a space keeps every column in place', async () => {
  const port = await freePortRetry('127.0.0.1');
  const lone = await startLoneBird(
    'timeformat protocol iso long;\nrouter id 10.9.9.7;\n' +
      `listen bgp address 127.0.0.1 port ${port};\n` +
      'protocol device { scan time 10; }\n' +
      'protocol bgp Node_10_99_0_1 { local as 64512; neighbor 10.99.0.1 as 64512; multihop; passive on; }\n' +
      'protocol bgp Global_10_99_0_2 { disabled; local as 64512; neighbor 10.99.0.2 as 64513; multihop; }\n',
  );
  try {
    const r = await status(['--bird-socket', lone.socket, '--bird6-socket', join(fx.dir, 'b6.ctl')]);
    assert.equal(r.code, 0);
    const v4 = r.stdout.slice(0, r.stdout.indexOf('\nIPv6'));
    assert.equal(
      v4.replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/g, 'YYYY-MM-DD HH:MM:SS'),
      'Calico process is running.\n\nIPv4 BGP status\n' +
        '+--------------+---------------+-------+---------------------+---------+\n' +
        '| PEER ADDRESS |   PEER TYPE   | STATE |        SINCE        |  INFO   |\n' +
        '+--------------+---------------+-------+---------------------+---------+\n' +
        '| 10.99.0.1    | node specific | start | YYYY-MM-DD HH:MM:SS | Passive |\n' +
        '| 10.99.0.2    | global        | down  | YYYY-MM-DD HH:MM:SS |         |\n' +
        '+--------------+---------------+-------+---------------------+---------+\n',
    );
  } finally {
    await lone.stop();
  }
});
