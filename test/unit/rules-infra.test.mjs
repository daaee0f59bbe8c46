// Semantic rules of the networking/infrastructure kinds (calicoctl 3.32 validate) and their CRD rules
// (create/apply): exact paths and Calico reason texts, and the parsers they rest on.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {parseASNumber, parsePeerIP, isWireguardKey, checkNetwork} from '../../dist/lib/validation/rules/infra-helpers.js';
import {rules as ippool, crdRules as ippoolCRD} from '../../dist/lib/validation/rules/ippool.js';
import {rules as ipreservation} from '../../dist/lib/validation/rules/ipreservation.js';
import {rules as bgppeer, crdRules as bgppeerCRD} from '../../dist/lib/validation/rules/bgppeer.js';
import {rules as bgpfilter, crdRules as bgpfilterCRD} from '../../dist/lib/validation/rules/bgpfilter.js';
import {rules as bgpconfiguration, crdRules as bgpconfigurationCRD, nonDefaultBGPConfigurationIssues} from '../../dist/lib/validation/rules/bgpconfiguration.js';
import {rules as node} from '../../dist/lib/validation/rules/node.js';
import {rules as caliconodestatus} from '../../dist/lib/validation/rules/caliconodestatus.js';

const res = (kind, spec, extra = {}) => ({apiVersion: 'projectcalico.org/v3', kind, metadata: {name: 'x'}, spec, ...extra});
/** [path, message] pairs of a rule's issues. */
const found = (rule, resource) => rule(resource).map((i) => [i.path, i.message]);

test('AS numbers: plain, string and dotted forms within Go ranges', () => {
  assert.equal(parseASNumber(64512), 64512);
  assert.equal(parseASNumber('64512'), 64512);
  assert.equal(parseASNumber('1.10'), 65546);
  assert.equal(parseASNumber('65535.65535'), 4294967295);
  assert.equal(parseASNumber(4294967295), 4294967295);
  for (const bad of [-1, 4294967296, 1.5, '4294967296', '65536.0', '1.2.3', '', 'AS1', ' 1', true, null]) {
    assert.equal(parseASNumber(bad), undefined, String(bad));
  }
});

test('BGP peer addresses: IP, IPv4:port, [IPv6]:port', () => {
  assert.deepEqual(parsePeerIP('10.0.0.1')?.port, undefined);
  assert.equal(parsePeerIP('10.0.0.1:1790')?.port, 1790);
  assert.equal(parsePeerIP('[fd00::1]:179')?.ip.family, 6);
  assert.equal(parsePeerIP('fd00::1')?.ip.family, 6);
  for (const bad of ['10.0.0.1:0', '10.0.0.1:65536', 'fd00::1:179:', '[fd00::1]', '[10.0.0.1]:179x', 'host:179', '']) {
    assert.equal(parsePeerIP(bad), undefined, bad);
  }
});

test('WireGuard keys are 32 bytes of padded base64', () => {
  assert.ok(isWireguardKey('jlkVyQYooZYzI2wFfNhSZez5eWh44yfq1wKVjLvSXgY='));
  for (const bad of ['jlkVyQYooZYzI2wFfNhSZez5eWh44yfq1wKVjLvSXgY', 'short=', 'jlkVyQYooZYzI2wFfNhSZez5eWh44yfq1wKVjLvSXg==']) {
    assert.equal(isWireguardKey(bad), false, bad);
  }
});

test('net checks: an IP, or a strictly masked CIDR of the right family', () => {
  const run = (value, tag) => {
    const out = [];
    checkNetwork(out, 'p', value, 'CIDR', tag);
    return out.map((i) => i.message);
  };
  assert.deepEqual(run('10.0.0.0/8', 'netv4'), []);
  assert.deepEqual(run('10.0.0.1', 'net'), []);
  assert.deepEqual(run('10.0.0.1/8', 'net'), ['failed to validate Field: CIDR because of Tag: net']);
  assert.deepEqual(run('fd00::/8', 'netv4'), ['failed to validate Field: CIDR because of Tag: netv4']);
});

test('IPPool reasons (calicoctl 3.32 validate)', () => {
  const tooSmall = 'IP pool size is too small for use with Calico IPAM. It must be equal to or greater than the block size.';
  assert.deepEqual(found(ippool, res('IPPool', {cidr: '10.0.0.0/27'})), [['spec.cidr', tooSmall]]);
  assert.deepEqual(found(ippool, res('IPPool', {cidr: '10.0.0.1/24'})), [['spec.cidr', 'IP pool CIDR is not strictly masked']]);
  assert.deepEqual(found(ippool, res('IPPool', {cidr: 'x'})), [['spec.cidr', 'IPPool CIDR must be a valid subnet']]);
  assert.deepEqual(found(ippool, res('IPPool', {})), [
    ['spec.cidr', 'IPPool CIDR must be specified'],
    ['spec.cidr', 'IPPool CIDR must be a valid subnet'],
  ]);
  // Not defaulted by validate: an IPv6 pool needs ipipMode: Never spelled out.
  assert.deepEqual(found(ippool, res('IPPool', {cidr: 'fd00::/64'})), [
    ['spec.ipipMode', "IPIPMode other than 'Never' is not supported on an IPv6 IP pool"],
  ]);
  assert.deepEqual(found(ippool, res('IPPool', {cidr: 'fd00::/64', ipipMode: 'Never'})), []);
  // No block size range in validate (only the pool-smaller-than-block check).
  assert.deepEqual(found(ippool, res('IPPool', {cidr: '10.0.0.0/8', blockSize: 116})), []);
  assert.deepEqual(found(ippool, res('IPPool', {cidr: '169.254.0.0/16'})), [
    ['spec.cidr', 'IP pool range overlaps with IPv4 Link Local range 169.254.0.0/16'],
  ]);
  assert.deepEqual(found(ippool, res('IPPool', {cidr: '10.0.0.0/24', allowedUses: ['LoadBalancer']})), [
    ['spec.nodeSelector', 'IP Pool with AllowedUse LoadBalancer must have node selector set to all()'],
  ]);
  assert.deepEqual(found(ippool, res('IPPool', {cidr: '10.0.0.0/24', allowedUses: ['LoadBalancer', 'Tunnel', 'x'], nodeSelector: 'all()'})), [
    ['spec.allowedUses[1]', 'LoadBalancer cannot be used at the same time as: Tunnel'],
    ['spec.allowedUses[2]', 'unknown use: x'],
  ]);
});

test('IPPool CRD rules (create/apply)', () => {
  assert.deepEqual(found(ippoolCRD, res('IPPool', {cidr: '10.0.0.0/8', blockSize: 200, ipipMode: 'Always', vxlanMode: 'Always'})), [
    ['spec.blockSize', 'should be less than or equal to 128'],
    ['spec', 'ipipMode and vxlanMode cannot both be enabled'],
  ]);
  assert.deepEqual(found(ippoolCRD, res('IPPool', {cidr: '10.0.0.1'})), [['spec.cidr', 'spec.cidr in body must be of type cidr: "10.0.0.1"']]);
  assert.deepEqual(found(ippoolCRD, res('IPPool', {cidr: 'fd00::/64', allowedUses: ['Pods']})), [
    ['spec.allowedUses[0]', 'Unsupported value: "Pods": supported values: "Workload", "Tunnel", "LoadBalancer"'],
  ]);
});

test('IPReservation reasons', () => {
  assert.deepEqual(found(ipreservation, res('IPReservation', {reservedCIDRs: ['10.0.0.0/24', 'bad', '10.0.0.1', '10.0.0.0/40']})), [
    ['spec.reservedCIDRs[1]', 'failed to validate Field: ReservedCIDRs because of Tag: cidrs'],
    ['spec.reservedCIDRs[3]', 'failed to validate Field: ReservedCIDRs because of Tag: cidrs'],
  ]);
});

test('BGPPeer reasons', () => {
  assert.deepEqual(found(bgppeer, res('BGPPeer', {peerIP: 'badpeerIP'})), [['spec.peerIP', 'failed to validate Field: PeerIP because of Tag: IP:port']]);
  assert.deepEqual(found(bgppeer, res('BGPPeer', {node: 'a', nodeSelector: 'all()'})), [
    ['spec.node', 'Node field must be empty when NodeSelector is specified'],
  ]);
  assert.deepEqual(found(bgppeer, res('BGPPeer', {peerSelector: 'all()', asNumber: '1.1'})), [
    ['spec.asNumber', 'ASNumber field must be empty when PeerSelector is specified'],
  ]);
  assert.deepEqual(found(bgppeer, res('BGPPeer', {peerIP: '10.0.0.1', reachableBy: 'fd00::1'})), [
    ['spec.reachableBy', 'ReachableBy and PeerIP address family mismatched'],
  ]);
  assert.deepEqual(found(bgppeer, res('BGPPeer', {reachableBy: '10.0.0.1'})), [
    ['spec.reachableBy', 'ReachablyBy field must be empty when PeerIP is empty'],
  ]);
  assert.deepEqual(found(bgppeer, res('BGPPeer', {localWorkloadSelector: 'all()', asNumber: 0})), [
    ['spec.asNumber', 'ASNumber field must NOT be empty when LocalWorkloadSelector is specified'],
  ]);
  assert.deepEqual(found(bgppeer, res('BGPPeer', {filters: ['ok', 'Not_OK']})), [['spec.filters[1]', 'failed to validate Field: Filters because of Tag: name']]);
  // nextHopMode and reversePeering have no Go validator; the CRD enums apply on create/apply only.
  assert.deepEqual(found(bgppeer, res('BGPPeer', {peerIP: '10.0.0.1', nextHopMode: 'Other', reversePeering: 'x'})), []);
  assert.deepEqual(found(bgppeerCRD, res('BGPPeer', {peerIP: '10.0.0.1', nextHopMode: 'Other'})), [
    ['spec.nextHopMode', 'Unsupported value: "Other": supported values: "Auto", "Self", "Keep"'],
  ]);
});

test('BGPFilter reasons', () => {
  assert.deepEqual(found(bgpfilter, res('BGPFilter', {importV6: [{action: 'Accept', cidr: 'fd00::/64'}]})), [
    ['spec.importV6[0].matchOperator', 'MatchOperator cannot be empty when CIDR is not'],
  ]);
  assert.deepEqual(found(bgpfilter, res('BGPFilter', {exportV4: [{action: 'Accept', prefixLength: {min: 8}}]})), [
    ['spec.exportV4[0].cidr', 'CIDR cannot be empty when PrefixLength is not'],
  ]);
  assert.deepEqual(found(bgpfilter, res('BGPFilter', {exportV4: [{action: 'Accept', operations: [{}, {setPriority: {value: 1}}]}]})), [
    ['spec.exportV4[0].operations[0]', 'exactly one operation must be set'],
  ]);
  // Operations on a Reject rule are refused by the CRD (create/apply), not by validate.
  const reject = res('BGPFilter', {exportV4: [{action: 'Reject', operations: [{setPriority: {value: 1}}]}]});
  assert.deepEqual(found(bgpfilter, reject), []);
  assert.deepEqual(found(bgpfilterCRD, reject), [['spec.exportV4[0]', 'operations may only be used with action Accept']]);
});

test('BGPConfiguration reasons and the default-only fields', () => {
  assert.deepEqual(
    found(bgpconfiguration, res('BGPConfiguration', {communities: [{name: 'c', value: '70000:1'}], prefixAdvertisements: [{cidr: '10.0.0.0/8', communities: ['c', 'd']}]})),
    [
      ['spec.communities[0].value', 'invalid community value, expected 16 bit value'],
      ['spec.prefixAdvertisements[0].communities[1]', 'community used is invalid or not defined.'],
    ],
  );
  // Validate takes Calico's Go spelling only; the CRD (create/apply) accepts any letter case.
  assert.deepEqual(found(bgpconfiguration, res('BGPConfiguration', {logSeverityScreen: 'Warning', communities: [{name: 'c', value: '1:2'}]})), [
    ['spec.communities', 'communities are defined but not used in Spec.PrefixAdvertisement[].'],
  ]);
  assert.deepEqual(found(bgpconfigurationCRD, res('BGPConfiguration', {logSeverityScreen: 'WARNING', bindMode: 'All'})), [
    ['spec.bindMode', 'Unsupported value: "All": supported values: "None", "NodeIP"'],
  ]);
  const nodeConfig = {apiVersion: 'projectcalico.org/v3', kind: 'BGPConfiguration', metadata: {name: 'node.a'}, spec: {asNumber: 1, serviceClusterIPs: [], logSeverityScreen: 'Info'}};
  assert.deepEqual(nonDefaultBGPConfigurationIssues(nodeConfig).map((i) => i.message), ['Cannot set ASNumber on a non default BGP Configuration.']);
  assert.deepEqual(nonDefaultBGPConfigurationIssues({...nodeConfig, metadata: {name: 'default'}}), []);
});

test('Node reasons', () => {
  assert.deepEqual(found(node, res('Node', {bgp: {}})), [['spec.bgp', 'Spec.BGP should not be empty']]);
  assert.deepEqual(found(node, res('Node', {vxlanTunnelMACAddr: '01:02:03'})), [
    ['spec.vxlanTunnelMACAddr', 'failed to validate Field: VXLANTunnelMACAddr because of Tag: mac'],
  ]);
  assert.deepEqual(found(node, res('Node', {}, {status: {wireguardPublicKey: 'x'}})), [
    ['status.wireguardPublicKey', 'failed to validate Field: WireguardPublicKey because of Tag: wireguardPublicKey'],
  ]);
});

test('CalicoNodeStatus reasons', () => {
  assert.deepEqual(found(caliconodestatus, res('CalicoNodeStatus', {node: 'n', classes: ['BGP', 'BGP'], updatePeriodSeconds: 90000})), [
    ['spec.classes', 'failed to validate Field: Classes because of Tag: unique'],
    ['spec.updatePeriodSeconds', 'failed to validate Field: UpdatePeriodSeconds because of Tag: lte'],
  ]);
});
