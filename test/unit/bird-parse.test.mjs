// BIRD reply framing and `show protocols [all]` parsing, on raw transcripts recorded from real daemons
// (test/fixtures/bird/bird1: BIRD 1.6.8, bird2: BIRD 2.0.12; re-record with record-transcripts.mjs).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {BirdFramer, BirdFramingError, birdMajorVersion} from '../../dist/lib/bird/client.js';
import {parseProtocolRow, parseProtocols, UnknownTableFormatError} from '../../dist/lib/bird/protocols.js';

const fixture = (p) => readFileSync(new URL(`../fixtures/bird/${p}`, import.meta.url), 'utf8');
const vars1 = JSON.parse(fixture('bird1/vars.json'));
const vars2 = JSON.parse(fixture('bird2/vars.json'));

/** Frames a transcript: [greeting, reply]. */
function frame(text) {
  return new BirdFramer().push(text);
}

test('framing: greeting, codes, continuation lines inherit the code, final line ends the reply', () => {
  const [greeting, reply] = frame(fixture('bird1/show-protocols.txt'));
  assert.equal(greeting.code, '0001');
  assert.equal(greeting.lines[0].text, 'BIRD 1.6.8 ready.');
  assert.equal(reply.code, '0000');
  assert.equal(reply.lines[0].code, '2002');
  assert.equal(reply.lines[1].code, '1002');
  assert.equal(reply.lines[2].code, '1002'); // ' kernel1 ...' continuation
  assert.equal(reply.lines.at(-1).text, '');
});

test('framing: chunks split anywhere, +lines skipped, \\r\\n accepted, garbage rejected', () => {
  const f = new BirdFramer();
  const text = '0001 BIRD 1.6.8 ready.\r\n+log line\n1000-BIRD 1.6.8\n1011-Router ID is 1.2.3.4\n Current\n0013 Daemon is up and running\n';
  const out = [];
  for (const ch of text) out.push(...f.push(ch));
  assert.equal(out.length, 2);
  assert.deepEqual(out[1].lines.map((l) => l.code), ['1000', '1011', '1011', '0013']);
  assert.throws(() => new BirdFramer().push('garbage\n'), BirdFramingError);
});

test('error replies keep their 8xxx/9xxx code', () => {
  assert.equal(frame(fixture('bird1/not-a-protocol.txt'))[1].code, '9002');
  assert.equal(frame(fixture('bird1/syntax-error.txt'))[1].code, '9001');
  assert.equal(frame(fixture('bird2/no-match.txt'))[1].code, '8003');
  assert.equal(frame(fixture('bird2/syntax-error.txt'))[1].code, '9001');
});

test('BIRD major version from greetings, including Calico builds', () => {
  assert.equal(birdMajorVersion('BIRD 1.6.8 ready.'), 1);
  assert.equal(birdMajorVersion('BIRD 2.0.12 ready.'), 2);
  assert.equal(birdMajorVersion('BIRD v0.3.3+birdv1.6.8 ready.'), 1);
  assert.equal(birdMajorVersion('something else'), undefined);
});

test('BIRD 1.6 show protocols: every row, down rows with empty info kept', () => {
  const rows = parseProtocols(frame(fixture('bird1/show-protocols.txt'))[1]);
  const U = vars1.U;
  const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
  assert.deepEqual(Object.keys(byName), ['device1', 'kernel1', 'static1', `Mesh_${U}_2`, `Node_${U}_3`, `Global_${U}_9`, `Global_${U}_10`, `Node_${U}_11`, 'upstream1']);
  assert.equal(byName[`Mesh_${U}_2`].info, 'Established');
  assert.equal(byName[`Global_${U}_9`].info, 'Active Socket: Connection refused');
  assert.equal(byName[`Global_${U}_10`].state, 'down');
  assert.equal(byName[`Global_${U}_10`].info, '');
  assert.match(byName[`Global_${U}_10`].since, /^\d\d:\d\d:\d\d$/);
  assert.equal(byName.upstream1.proto, 'BGP');
});

test('BIRD 1.6 show protocols all: details per protocol', () => {
  const rows = parseProtocols(frame(fixture('bird1/show-protocols-all.txt'))[1]);
  const U = vars1.U;
  const d = (n) => rows.find((r) => r.name === n).details;
  assert.deepEqual(d(`Mesh_${U}_2`), {
    channels: [],
    bgpState: 'Established',
    neighborAddress: `${vars1.P}.2`,
    neighborAS: 64512,
    neighborID: `${vars1.P}.2`,
    sourceAddress: `${vars1.P}.1`,
    routes: {imported: 1, exported: 2, preferred: 1},
  });
  assert.equal(d(`Global_${U}_9`).lastError, 'Socket: Connection refused');
  assert.equal(d(`Global_${U}_9`).bgpState, 'Active');
  assert.equal(d(`Global_${U}_10`).bgpState, 'Down');
  assert.equal(d(`Global_${U}_10`).routes, undefined);
  assert.equal(d(`Node_${U}_11`).bgpState, 'Passive');
  const v6 = parseProtocols(frame(fixture('bird1/show-protocols6-all.txt'))[1]);
  assert.equal(v6.find((r) => r.name === `Node___1_port_${vars1.P6B}`).details.neighborAddress, '::1');
});

test('BIRD 2 show protocols: capitalised heading, ms since, --- table', () => {
  const rows = parseProtocols(frame(fixture('bird2/show-protocols.txt'))[1]);
  const U = vars2.U;
  const mesh = rows.find((r) => r.name === `Mesh_${U}_2`);
  assert.equal(mesh.table, '---');
  assert.match(mesh.since, /^\d\d:\d\d:\d\d\.\d{3}$/);
  assert.equal(mesh.info, 'Established');
  assert.equal(rows.find((r) => r.name === `Node___1_port_${vars2.P6B}`).state, 'up');
});

test('BIRD 2 show protocols all: channels, neighbor port, routes summed over channels', () => {
  const rows = parseProtocols(frame(fixture('bird2/show-protocols-all.txt'))[1]);
  const U = vars2.U;
  const node = rows.find((r) => r.name === `Node_${U}_3`).details;
  assert.equal(node.bgpState, 'Established');
  assert.equal(node.neighborAS, 64513);
  assert.equal(node.localAS, 64512);
  assert.deepEqual(node.channels, ['ipv4']);
  assert.equal(node.routes.imported, 1);
  const v6 = rows.find((r) => r.name === `Node___1_port_${vars2.P6B}`).details;
  assert.deepEqual(v6.channels, ['ipv6']);
  assert.equal(v6.neighborAddress, '::1');
  const refused = rows.find((r) => r.name === `Global_${U}_9`).details;
  assert.equal(refused.lastError, 'Socket: Connection refused');
  // `Neighbor port:` is printed only when our outgoing connection won and the port is not 179.
  for (const r of rows) if (r.details?.neighborPort !== undefined) assert.equal(r.details.neighborPort, r.name.includes('port_') ? Number(r.name.split('_').at(-1)) : vars2.PORT);
  const disabled = parseProtocols(frame(fixture('bird2/show-protocols-all-disabled.txt'))[1]);
  assert.equal(disabled.length, 1);
  assert.equal(disabled[0].details.bgpState, 'Down');
});

test('since values with a space, dates, epochs and offsets never shift the info column', () => {
  const cases = [
    [' Mesh_127_0_3_2 BGP      master   up     2026-11-26 12:14:27  Established   ', '2026-11-26 12:14:27', 'Established'],
    [' Mesh_127_0_3_2 BGP      master   up     26-11-2026 12:14:27  Established   ', '26-11-2026 12:14:27', 'Established'],
    [' Mesh_127_0_3_2 BGP      master   up     2026-11-26  Established   ', '2026-11-26', 'Established'],
    [' Mesh_127_0_3_2 BGP      master   up     1795695267  Established   ', '1795695267', 'Established'],
    [' Mesh_127_0_3_2 BGP      master   up     2026-11-26T12:14:26+0000  Established   ', '2026-11-26T12:14:26+0000', 'Established'],
    [' Global_1_2_3_4 BGP        ---        start  2026-11-26 12:26:17.142  Active        Socket: Connection refused', '2026-11-26 12:26:17.142', 'Active Socket: Connection refused'],
    [' Global_1_2_3_4 BGP      master   down   12:14:58    Error: No listening socket', '12:14:58', 'Error: No listening socket'],
  ];
  for (const [line, since, info] of cases) {
    const r = parseProtocolRow(line);
    assert.equal(r.since, since, line);
    assert.equal(r.info, info, line);
  }
  assert.equal(parseProtocolRow('a b c'), undefined);
});

test('an unknown heading is rejected like calicoctl', () => {
  const reply = {command: 'show protocols', code: '0000', lines: [{code: '2002', text: 'name proto state'}, {code: '0000', text: ''}]};
  assert.throws(() => parseProtocols(reply), UnknownTableFormatError);
});
