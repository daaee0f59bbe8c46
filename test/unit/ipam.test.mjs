import {test} from 'node:test';
import assert from 'node:assert/strict';
import {GoMap, parseJson, stringifyJson} from '../../dist/lib/ipam/json.js';
import {formatG, formatRoundHalfEven, formatUsage} from '../../dist/lib/ipam/format.js';
import {
  parseBlock,
  serializeBlock,
  parseHandle,
  serializeHandle,
  parseIPAMConfig,
  serializeIPAMConfig,
  parseAffinity,
  serializeAffinity,
  blockKey,
  affinityKey,
  cidrFromBlockKey,
  parseAffinityKey,
  blockIsEmpty,
} from '../../dist/lib/ipam/model.js';
import {releaseFromBlock, ReleaseConflict} from '../../dist/lib/ipam/release.js';
import {splitCIDR, atoi} from '../../dist/lib/ipam/split.js';
import {mergeReports} from '../../dist/lib/ipam/report-release.js';
import {parseGoDuration, pollIntervalMs} from '../../dist/lib/cluster-version.js';
import {parseConfigureOptions, parseGoBool} from '../../dist/lib/ipam/config.js';
import {parseCIDR} from '../../dist/lib/net/ip.js';

const nulls = (n, set = {}) => Array.from({length: n}, (_, i) => (i in set ? set[i] : null));
const BLOCK =
  '{"cidr":"10.244.97.0/26","affinity":"host:node1","affinity_claim_time":"2025-06-01T12:00:00Z","allocations":' +
  JSON.stringify(nulls(64, {0: 0, 1: 1, 2: 0})) +
  ',"unallocated":' +
  JSON.stringify(Array.from({length: 61}, (_, i) => i + 3)) +
  ',"attributes":[{"handle_id":"k8s-pod-network.a","secondary":{"node":"node1","pod":"p\\u0026q"}},{"handle_id":"h2"}],' +
  '"sequenceNumber":18446744073709551615,"sequenceNumberForAllocation":{"0":1748779200000000001,"1":9007199254740993,"2":1748779200000000003},"deleted":false}';

test('lossless JSON keeps integers beyond 2^53 and Go escaping', () => {
  const v = parseJson('{"a":18446744073709551615,"b":9007199254740993,"c":1.5,"d":"<&>","e":[1,null]}');
  assert.equal(v.a, 18446744073709551615n);
  assert.equal(v.b, 9007199254740993n);
  assert.equal(v.c, 1.5);
  assert.equal(stringifyJson(v), '{"a":18446744073709551615,"b":9007199254740993,"c":1.5,"d":"\\u003c\\u0026\\u003e","e":[1,null]}');
  assert.equal(stringifyJson(new GoMap({b: 1, a: 2, 10: 3, 9: 4})), '{"10":3,"9":4,"a":2,"b":1}');
  assert.equal(stringifyJson({x: [], y: {}, z: [1]}, '  '), '{\n  "x": [],\n  "y": {},\n  "z": [\n    1\n  ]\n}');
  assert.throws(() => parseJson('{"a":1'), /invalid JSON/);
});

test('a 3.32 block re-serialises byte for byte', () => {
  assert.equal(serializeBlock(parseBlock(BLOCK)), BLOCK.replace('p\\u0026q', 'p\\u0026q'));
});

test('a 3.13 block is read and written in the 3.32 layout', () => {
  const old =
    '{"cidr":"10.0.0.0/30","affinity":null,"strictAffinity":false,"allocations":[0,null,null,null],"unallocated":[1,2,3],' +
    '"attributes":[{"handle_id":null,"secondary":null}],"deleted":false}';
  const b = parseBlock(old);
  assert.equal(b.sequenceNumber, 0n);
  assert.equal(b.sequenceNumberForAllocation, null);
  assert.equal(
    serializeBlock(b),
    '{"cidr":"10.0.0.0/30","affinity":null,"allocations":[0,null,null,null],"unallocated":[1,2,3],"attributes":[{}],"sequenceNumber":0,"sequenceNumberForAllocation":null,"deleted":false}',
  );
  assert.equal(blockIsEmpty(b), false);
});

test('handles, affinities and config in Go layout', () => {
  const h = '{"block":{"10.244.97.0/26":2,"10.244.1.0/26":1},"deleted":false}';
  assert.equal(serializeHandle(parseHandle(h)), '{"block":{"10.244.1.0/26":1,"10.244.97.0/26":2},"deleted":false}');
  assert.equal(serializeAffinity(parseAffinity('')), '{"state":"","deleted":false}');
  assert.equal(serializeIPAMConfig(parseIPAMConfig('{"strict_affinity":true,"auto_allocate_blocks":true,"maxBlocksPerHost":2}')), '{"strict_affinity":true,"auto_allocate_blocks":true,"maxBlocksPerHost":2}');
  assert.equal(serializeIPAMConfig({strictAffinity: false, autoAllocateBlocks: true, maxBlocksPerHost: 0, kubeVirtVMAddressPersistence: 'Enabled'}), '{"auto_allocate_blocks":true,"kubeVirtVMAddressPersistence":"Enabled"}');
});

test('keys', () => {
  assert.equal(blockKey(parseCIDR('fd00:10:244::/122')), '/calico/ipam/v2/assignment/ipv6/block/fd00:10:244::-122');
  assert.equal(affinityKey('host', 'n1', parseCIDR('10.0.0.0/26')), '/calico/ipam/v2/host/n1/ipv4/block/10.0.0.0-26');
  assert.equal(cidrFromBlockKey('/calico/ipam/v2/assignment/ipv6/block/fd00::-122').prefix, 122);
  assert.equal(parseAffinityKey('/calico/ipam/v2/virtual/vm1/ipv4/block/10.0.0.0-26').type, 'virtual');
  assert.equal(cidrFromBlockKey('/calico/ipam/v2/handle/x'), undefined);
});

test('Go %.5g and half-to-even percentages', () => {
  const cases = [
    [0, '0'],
    [64, '64'],
    [65536, '65536'],
    [65531, '65531'],
    [100000, '1e+05'],
    [1048576, '1.0486e+06'],
    [2 ** 64, '1.8447e+19'],
    [2 ** 80, '1.2089e+24'],
    [2 ** 80 - 7, '1.2089e+24'],
    [123456, '1.2346e+05'],
    [123445, '1.2344e+05'],
    [123455, '1.2346e+05'],
    [999995, '1e+06'],
    [0.5, '0.5'],
    [12.25, '12.25'],
    [0.0001234, '0.0001234'],
    [0.00001234, '1.234e-05'],
  ];
  for (const [n, s] of cases) assert.equal(formatG(n), s, String(n));
  assert.equal(formatRoundHalfEven(0.5), '0');
  assert.equal(formatRoundHalfEven(1.5), '2');
  assert.equal(formatRoundHalfEven(2.5), '2');
  assert.equal(formatRoundHalfEven(12.5), '12');
  assert.equal(formatRoundHalfEven(4.6875), '5');
  assert.equal(formatUsage(5, 65536), '5 (0%)');
  assert.equal(formatUsage(32, 64), '32 (50%)');
  assert.equal(formatUsage(8, 64), '8 (12%)');
});

test('releasing from a block: attributes renumbered, sequence numbers cleared, handle counts', () => {
  const b = parseBlock(BLOCK);
  const r = releaseFromBlock(b, [{address: '10.244.97.0'}, {address: '10.244.97.2'}, {address: '10.244.97.9'}]);
  assert.deepEqual(r.released, [0, 2]);
  assert.equal(r.unallocated.length, 1);
  assert.deepEqual([...r.countByHandle], [['k8s-pod-network.a', 2]]);
  assert.deepEqual(b.allocations.slice(0, 3), [null, 0, null]);
  assert.equal(b.attributes.length, 1);
  assert.equal(b.attributes[0].handleId, 'h2');
  assert.deepEqual([...b.sequenceNumberForAllocation.keys()], ['1']);
  assert.deepEqual(b.unallocated.slice(-2), [0, 2]);
});

test('a stale sequence number or handle refuses the release', () => {
  assert.throws(() => releaseFromBlock(parseBlock(BLOCK), [{address: '10.244.97.1', sequenceNumber: '1'}]), ReleaseConflict);
  assert.throws(() => releaseFromBlock(parseBlock(BLOCK), [{address: '10.244.97.1', handle: 'other'}]), /update conflict: 10.244.97.1/);
  const ok = releaseFromBlock(parseBlock(BLOCK), [{address: '10.244.97.1', sequenceNumber: '9007199254740993', handle: 'h2'}]);
  assert.deepEqual(ok.released, [1]);
});

test('splitCIDR and Atoi', () => {
  assert.deepEqual(splitCIDR('10.0.1.0/24', 4), ['10.0.1.0/26', '10.0.1.64/26', '10.0.1.128/26', '10.0.1.192/26']);
  assert.deepEqual(splitCIDR('fd00::/64', 2), ['fd00::/65', 'fd00::8000:0:0:0/65']);
  assert.throws(() => splitCIDR('10.0.1.0/24', 3), /not a valid power of 2: 3/);
  assert.throws(() => splitCIDR('10.0.1.0/24', 1), /not a valid power of 2: 1/);
  assert.throws(() => splitCIDR('10.0.1.0/24', 0), /not a valid power of 2: 0/);
  assert.throws(() => splitCIDR('10.0.1.0/31', 4), /the CIDR 10.0.1.0\/31 is not large enough to be split into 4 parts/);
  assert.equal(atoi('+8'), 8);
  assert.throws(() => atoi('x'), /strconv.Atoi: parsing "x": invalid syntax/);
});

test('mergeReports keeps only leaks common to every report', () => {
  const r1 = {allocations: [{ip: 'a', inUse: false}, {ip: 'b', inUse: false}, {ip: 'c', inUse: true}], leakedHandles: [{ID: 'h1', UID: null, Revision: '5'}, {ID: 'h2', UID: null, Revision: '6'}]};
  const r2 = {allocations: [{ip: 'b', inUse: false}, {ip: 'c', inUse: false}], leakedHandles: [{ID: 'h1', UID: null, Revision: '5'}, {ID: 'h2', UID: null, Revision: '7'}]};
  const m = mergeReports([r1, r2]);
  assert.deepEqual([...m.ips.keys()], ['b']);
  assert.deepEqual([...m.handles.keys()], ['h1']);
});

test('Go durations and configure flags', () => {
  assert.equal(parseGoDuration('1m30s'), 90000);
  assert.equal(parseGoDuration('1.5h'), 5400000);
  assert.equal(parseGoDuration('0'), 0);
  assert.equal(parseGoDuration('10'), undefined);
  assert.equal(parseGoDuration(''), undefined);
  assert.throws(() => pollIntervalMs('abc'), /invalid poll duration specified: 0s$/);
  assert.equal(parseGoBool('T'), true);
  assert.equal(parseGoBool('yes'), undefined);
  assert.throws(() => parseConfigureOptions({}), /at least one configuration option must be specified/);
  assert.throws(() => parseConfigureOptions({strictaffinity: 'yes'}), /invalid value. Use true or false to set strictaffinity/);
  assert.throws(() => parseConfigureOptions({maxBlocksPerHost: '1x'}), /invalid value for maxblockhost. Use a valid number/);
  assert.throws(() => parseConfigureOptions({kubevirtIpPersistence: 'on'}), /invalid value for --kubevirt-ip-persistence. Use Enabled or Disabled/);
  assert.deepEqual(parseConfigureOptions({strictaffinity: 'true', maxBlocksPerHost: '4'}), {strictAffinity: true, maxBlocksPerHost: 4});
});

test('an empty utilisation table still has its closing border (tablewriter)', async () => {
  const {renderUtilization} = await import('../../dist/lib/ipam/show.js');
  assert.equal(
    renderUtilization([{cidr: parseCIDR('0.0.0.0/0'), blocks: []}], true),
    '+----------+------+-----------+------------+----------+\n' +
      '| GROUPING | CIDR | IPS TOTAL | IPS IN USE | IPS FREE |\n' +
      '+----------+------+-----------+------------+----------+\n' +
      '+----------+------+-----------+------------+----------+\n',
  );
});
