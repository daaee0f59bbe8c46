// node status logic without daemons: peer names, calicoctl's table, /proc discovery on a fake tree, and the
// status model fed by a socket that replays recorded BIRD transcripts (timeouts and error replies too).
import {test, after} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {parseCalicoPeerName} from '../../dist/lib/node/peers.js';
import {renderBoxTable, wrapWords} from '../../dist/lib/node/table.js';
import {isFelixRunning, isRoot, isRunning, listProcesses} from '../../dist/lib/node/processes.js';
import {BirdQueryError, collectNodeStatus, isEstablished, socketCandidates} from '../../dist/lib/node/status.js';

const tmp = mkdtempSync(join(tmpdir(), 'calicoctl-node-unit-'));
after(() => rmSync(tmp, {recursive: true, force: true}));
const fixture = (p) => readFileSync(new URL(`../fixtures/bird/${p}`, import.meta.url), 'utf8');

test('Calico protocol names decode to peer type, family, address and port', () => {
  assert.deepEqual(parseCalicoPeerName('Mesh_192_168_56_101'), {peerType: 'node-to-node mesh', address: '192.168.56.101', family: 'IPv4'});
  assert.deepEqual(parseCalicoPeerName('Node_fd80_24e2_f998_72d7__2'), {peerType: 'node specific', address: 'fd80:24e2:f998:72d7::2', family: 'IPv6'});
  assert.deepEqual(parseCalicoPeerName('Global_10_192_0_1_port_150'), {peerType: 'global', address: '10.192.0.1', family: 'IPv4', port: 150});
  assert.deepEqual(parseCalicoPeerName('Node___1_port_17902'), {peerType: 'node specific', address: '::1', family: 'IPv6', port: 17902});
  for (const n of ['upstream1', 'Mesh_', 'Other_1_2_3_4', 'Node_foo', 'kernel1']) assert.equal(parseCalicoPeerName(n), undefined, n);
});

test('table: calicoctl (tablewriter) layout, centred upper-case headers', () => {
  const out = renderBoxTable(['Peer address', 'Peer type', 'State', 'Since', 'Info'], [['172.17.8.102', 'node-to-node mesh', 'up', '23:30:04', 'Established']]);
  assert.equal(
    out,
    '+--------------+-------------------+-------+----------+-------------+\n' +
      '| PEER ADDRESS |     PEER TYPE     | STATE |  SINCE   |    INFO     |\n' +
      '+--------------+-------------------+-------+----------+-------------+\n' +
      '| 172.17.8.102 | node-to-node mesh | up    | 23:30:04 | Established |\n' +
      '+--------------+-------------------+-------+----------+-------------+\n',
  );
});

test('table: cells over 30 columns wrap with minimum raggedness; numbers right-aligned', () => {
  assert.deepEqual(wrapWords('Active Socket: Connection refused', 30), ['Active Socket: Connection', 'refused']);
  assert.deepEqual(wrapWords('short', 30), ['short']);
  const out = renderBoxTable(['A', 'B'], [['1795695267', 'Active Socket: Connection refused'], ['x', '']]);
  assert.equal(
    out,
    '+------------+--------------------------------+\n' +
      '|     A      |               B                |\n' +
      '+------------+--------------------------------+\n' +
      '| 1795695267 | Active Socket: Connection      |\n' +
      '|            | refused                        |\n' +
      '| x          |                                |\n' +
      '+------------+--------------------------------+\n',
  );
});

function fakeProc(entries) {
  const root = mkdtempSync(join(tmp, 'proc-'));
  entries.forEach(([argv, comm], i) => {
    const dir = join(root, String(100 + i));
    mkdirSync(dir);
    writeFileSync(join(dir, 'cmdline'), argv.map((a) => a + '\0').join(''));
    if (comm) writeFileSync(join(dir, 'comm'), comm + '\n');
  });
  mkdirSync(join(root, 'self'));
  mkdirSync(join(root, '999')); // vanished/unreadable process: skipped
  return root;
}

test('process discovery from a /proc tree: felix forms, daemons by absolute path, kernel threads skipped', () => {
  const root = fakeProc([
    [['/usr/sbin/bird', '-R', '-s', '/var/run/calico/bird.ctl'], 'bird'],
    [[], 'kthreadd'],
    [['calico-node', '-felix'], 'calico-node'],
    [['sleep', '3600'], 'sleep'],
  ]);
  const ps = listProcesses(root);
  assert.equal(ps.length, 3);
  assert.equal(isRunning(ps, 'bird'), true);
  assert.equal(isRunning(ps, 'bird6'), false);
  assert.equal(isFelixRunning(ps), true);
  assert.equal(isFelixRunning(listProcesses(fakeProc([[['calico-felix', '3600'], 'sleep']]))), true);
  assert.equal(isFelixRunning(listProcesses(fakeProc([[['calico-node', '-confd'], 'calico-node']]))), false);
  assert.equal(isRunning(listProcesses(fakeProc([[['/opt/bird/sbin/bird6', '-c', 'x']]])), 'bird6'), true);
  assert.deepEqual(listProcesses(join(tmp, 'missing')), []);
});

test('root check is injectable', () => {
  assert.equal(isRoot({CALICOCTL_ASSUME_ROOT: '1'}), true);
  assert.equal(isRoot({CALICOCTL_ASSUME_ROOT: '0'}), false);
  assert.equal(isRoot({}), process.getuid() === 0);
});

test('socket search order is calicoctl\'s unless a path is given', () => {
  assert.deepEqual(socketCandidates('IPv4'), ['/var/run/calico/bird.ctl', '/var/run/bird/bird.ctl']);
  assert.deepEqual(socketCandidates('IPv6'), ['/var/run/calico/bird6.ctl', '/var/run/bird/bird6.ctl']);
  assert.deepEqual(socketCandidates('IPv6', '/x.ctl'), ['/x.ctl']);
});

/** A unix socket that sends `greeting` and answers each command line with the next canned reply. */
async function replayServer(greeting, replies) {
  const path = join(tmp, `replay-${Math.random().toString(36).slice(2)}.ctl`);
  const server = createServer((sock) => {
    if (greeting !== null) sock.write(greeting);
    let i = 0;
    let buf = '';
    sock.on('data', (d) => {
      buf += d;
      while (buf.includes('\n')) {
        buf = buf.slice(buf.indexOf('\n') + 1);
        const r = replies[i++];
        if (r !== null && r !== undefined) sock.write(r);
      }
    });
    sock.on('error', () => {});
  });
  await new Promise((r) => server.listen(path, r));
  return {path, close: () => new Promise((r) => server.close(r))};
}

/** Splits a recorded transcript into its greeting and reply parts. */
function transcript(name) {
  const text = fixture(name);
  const nl = text.indexOf('\n') + 1;
  return {greeting: text.slice(0, nl), reply: text.slice(nl)};
}

const felixAndBird = listProcesses(fakeProc([[['calico-felix'], 'sleep'], [['bird'], 'bird']]));

test('BIRD 2: one socket answers for both families', async () => {
  const t = transcript('bird2/show-protocols-all.txt');
  const srv = await replayServer(t.greeting, [t.reply]);
  try {
    const vars = JSON.parse(fixture('bird2/vars.json'));
    const status = await collectNodeStatus({processes: felixAndBird, birdSocket: srv.path, details: true});
    const [v4, v6] = status.families;
    assert.deepEqual(v4.peers.map((p) => p.protocol), [`Mesh_${vars.U}_2`, `Node_${vars.U}_3`, `Global_${vars.U}_9`, `Global_${vars.U}_10`, `Node_${vars.U}_11`]);
    assert.deepEqual(v6.peers.map((p) => p.protocol), [`Node___1_port_${vars.P6B}`, `Global___1_port_${vars.P6X}`]);
    assert.equal(v6.running, true);
    const node = v4.peers[1];
    assert.equal(node.neighborAS, 64513);
    assert.equal(node.bgpState, 'Established');
    assert.equal(isEstablished(node), true);
    const refused = v4.peers[2];
    assert.deepEqual([refused.state, refused.bgpState, refused.info, refused.lastError], ['start', 'Active', 'Socket: Connection refused', 'Socket: Connection refused']);
    assert.deepEqual([v4.peers[3].state, v4.peers[3].bgpState, v4.peers[3].info], ['down', 'Down', '']);
    assert.equal(v6.peers[0].peerIP, '::1');
    assert.equal(v6.peers[0].peerPort, vars.P6B);
  } finally {
    await srv.close();
  }
});

test('graceful-restart wait state is not Established', () => {
  assert.equal(isEstablished({state: 'wait', bgpState: 'Established'}), false);
});

test('error replies and silence become clear errors; connect failures are reported per family', async () => {
  const err = transcript('bird1/syntax-error.txt');
  const srv = await replayServer(err.greeting, [err.reply]);
  const silent = await replayServer(null, []);
  try {
    await assert.rejects(
      collectNodeStatus({processes: felixAndBird, birdSocket: srv.path, details: false}),
      (e) => e instanceof BirdQueryError && /answered "show protocols" with error 9001: syntax error/.test(e.message),
    );
    await assert.rejects(
      collectNodeStatus({processes: felixAndBird, birdSocket: silent.path, details: false, readTimeoutMs: 200}),
      (e) => e instanceof BirdQueryError && /no reply from BIRD within 0.2s/.test(e.message),
    );
    const missing = join(tmp, 'nope.ctl');
    const status = await collectNodeStatus({processes: felixAndBird, birdSocket: missing, details: false});
    assert.equal(status.families[0].connectError, `dial unix ${missing}: connect: no such file or directory`);
    assert.equal(status.families[1].running, false);
  } finally {
    await srv.close();
    await silent.close();
  }
});

test('peers from rows: wait (graceful restart), down with an error, since with a space, non-BGP and non-Calico skipped', async () => {
  const {peersFromEntries} = await import('../../dist/lib/node/status.js');
  const {parseProtocolRow} = await import('../../dist/lib/bird/protocols.js');
  const rows = [
    ' Mesh_10_0_0_2 BGP      master   wait   2026-11-26 12:14:27  Established   ',
    ' Global_10_0_0_9 BGP      master   down   12:14:58    Error: No listening socket',
    ' Node_10_0_0_3 Static   master   up     12:14:58    ',
    ' peer_10_0_0_4 BGP      master   up     12:14:58    Established',
  ].map(parseProtocolRow);
  const peers = peersFromEntries(rows, 'IPv4');
  assert.deepEqual(
    peers.map((p) => [p.peerIP, p.state, p.since, p.bgpState, p.info, isEstablished(p)]),
    [
      ['10.0.0.2', 'wait', '2026-11-26 12:14:27', 'Established', '', false],
      ['10.0.0.9', 'down', '12:14:58', 'Down', 'Error: No listening socket', false],
    ],
  );
});
