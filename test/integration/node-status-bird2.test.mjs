// `node status` against a real BIRD 2 daemon (one daemon, one socket, both families), when Debian's bird2
// can be unpacked beside bird 1.6 (see findBird2 in test/helpers/bird.mjs); skipped otherwise.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {runCli} from '../helpers/cli.mjs';
import {findBird2, startBird2Fixture, startFakeFelix} from '../helpers/bird.mjs';

const bird2 = findBird2();
let fx;
let felix;
before(async () => {
  if (!bird2) return;
  felix = startFakeFelix();
  fx = await startBird2Fixture(bird2);
});
after(async () => {
  await felix?.stop();
  await fx?.stop();
});

// A refused peer spends a moment in Idle (error wait) between its Active retries.
const maskTimes = (s) => s.replace(/\d\d:\d\d:\d\d\.\d{3}/g, 'HH:MM:SS.mmm').replace(/\| Idle Socket: Connection {2}/g, '| Active Socket: Connection');

test('BIRD 2: IPv4 and IPv6 sections from one socket', {skip: !bird2 && 'no BIRD 2 binary available'}, async () => {
  const r = await runCli(['node', 'status', '--bird-socket', fx.socket], {env: {CALICOCTL_ASSUME_ROOT: '1'}});
  const {P} = fx.vars;
  assert.equal(r.stderr, '');
  assert.equal(r.code, 0);
  assert.equal(
    maskTimes(r.stdout),
    `Calico process is running.

IPv4 BGP status
+--------------+-------------------+-------+--------------+--------------------------------+
| PEER ADDRESS |     PEER TYPE     | STATE |    SINCE     |              INFO              |
+--------------+-------------------+-------+--------------+--------------------------------+
| ${P}.2  | node-to-node mesh | up    | HH:MM:SS.mmm | Established                    |
| ${P}.3  | node specific     | up    | HH:MM:SS.mmm | Established                    |
| ${P}.9  | global            | start | HH:MM:SS.mmm | Active Socket: Connection      |
|              |                   |       |              | refused                        |
| ${P}.10 | global            | down  | HH:MM:SS.mmm |                                |
| ${P}.11 | node specific     | start | HH:MM:SS.mmm | Passive                        |
+--------------+-------------------+-------+--------------+--------------------------------+

IPv6 BGP status
+--------------+---------------+-------+--------------+--------------------------------+
| PEER ADDRESS |   PEER TYPE   | STATE |    SINCE     |              INFO              |
+--------------+---------------+-------+--------------+--------------------------------+
| ::1          | node specific | up    | HH:MM:SS.mmm | Established                    |
| ::1          | global        | start | HH:MM:SS.mmm | Active Socket: Connection      |
|              |               |       |              | refused                        |
+--------------+---------------+-------+--------------+--------------------------------+

`,
  );
});

test('BIRD 2: -o json and --check', {skip: !bird2 && 'no BIRD 2 binary available'}, async () => {
  const r = await runCli(['node', 'status', '--bird-socket', fx.socket, '-o', 'json', '--check'], {env: {CALICOCTL_ASSUME_ROOT: '1'}});
  assert.equal(r.code, 2);
  const peers = JSON.parse(r.stdout);
  assert.deepEqual(
    peers.map((p) => [p.family, p.protocol, p.bgpState === 'Idle' ? 'Active' : p.bgpState, p.neighborAS]),
    [
      ['IPv4', `Mesh_${fx.vars.U}_2`, 'Established', 64512],
      ['IPv4', `Node_${fx.vars.U}_3`, 'Established', 64513],
      ['IPv4', `Global_${fx.vars.U}_9`, 'Active', 64999],
      ['IPv4', `Global_${fx.vars.U}_10`, 'Down', 64999],
      ['IPv4', `Node_${fx.vars.U}_11`, 'Passive', 64512],
      ['IPv6', `Node___1_port_${fx.vars.P6B}`, 'Established', 64512],
      ['IPv6', `Global___1_port_${fx.vars.P6X}`, 'Active', 64999],
    ],
  );
  assert.equal(peers[5].peerIP, '::1');
});
