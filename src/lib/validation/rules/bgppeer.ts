// BGPPeer: Calico 3.32's Go field tags (peerIP `IP:port`, selectors, names, reachableBy) and
// BGPPeerSpec struct validator; the BGPPeer CRD's OpenAPI and CEL rules are `crdRules`.
import {parseIP} from '../../net/ip.js';
import type {CalicoResource} from '../../resource.js';
import type {SemanticRule} from '../types.js';
import {checkNameList, checkSelector, issue, NAME_REGEX, tagFailure, type Issues} from './common.js';
import {checkASNumber, crdEnum, crdMaxLength, isNonEmptyString, parseASNumber, parsePeerIP} from './infra-helpers.js';

const KEEP_NEXT_HOP_MSG = 'The KeepOriginalNextHop field is deprecated. It must not be set to true when NextHopMode is configured.';

/** Calico's validateReachableBy: the reason text when reachableBy does not fit peerIP, else undefined. */
function reachableByProblem(reachableBy: string, peerIP: string): string | undefined {
  if (peerIP === '') return 'ReachablyBy field must be empty when PeerIP is empty';
  const gateway = parseIP(reachableBy);
  if (!gateway) return 'ReachableBy is invalid address';
  const peer = parsePeerIP(peerIP);
  if (!peer) return 'PeerIP is invalid address';
  if (gateway.family !== peer.ip.family) return 'ReachableBy and PeerIP address family mismatched';
  return undefined;
}

export const rules: SemanticRule = (resource: CalicoResource) => {
  const out: Issues = [];
  const spec = resource.spec ?? {};
  const text = (field: string): string => (typeof spec[field] === 'string' ? spec[field] : '');

  if (text('node') !== '' && !NAME_REGEX.test(text('node'))) out.push(issue('spec.node', tagFailure('Node', 'name'), spec.node));
  checkSelector(spec.nodeSelector, 'spec.nodeSelector', out, 'NodeSelector');
  if (text('peerIP') !== '' && !parsePeerIP(text('peerIP'))) out.push(issue('spec.peerIP', tagFailure('PeerIP', 'IP:port'), spec.peerIP));
  checkASNumber(out, 'spec.asNumber', spec.asNumber);
  checkASNumber(out, 'spec.localASNumber', spec.localASNumber);
  checkSelector(spec.peerSelector, 'spec.peerSelector', out, 'PeerSelector');
  if (text('reachableBy') !== '' && !parseIP(text('reachableBy'))) {
    out.push(issue('spec.reachableBy', tagFailure('ReachableBy', 'reachableBy'), spec.reachableBy));
  }
  checkNameList(spec.filters, 'spec.filters', 'Filters', out);
  checkSelector(spec.localWorkloadSelector, 'spec.localWorkloadSelector', out, 'LocalWorkloadSelector');

  const asNumber = parseASNumber(spec.asNumber) ?? 0;
  const [node, nodeSelector, peerIP, peerSelector, workloadSelector] = ['node', 'nodeSelector', 'peerIP', 'peerSelector', 'localWorkloadSelector'].map(
    (f) => text(f) !== '',
  );
  if (node && nodeSelector) out.push(issue('spec.node', 'Node field must be empty when NodeSelector is specified', spec.node));
  if (peerIP && peerSelector) out.push(issue('spec.peerIP', 'PeerIP field must be empty when PeerSelector is specified', spec.peerIP));
  if (asNumber !== 0 && peerSelector) {
    out.push(issue('spec.asNumber', 'ASNumber field must be empty when PeerSelector is specified', spec.asNumber));
  }
  if (asNumber === 0 && workloadSelector) {
    out.push(issue('spec.asNumber', 'ASNumber field must NOT be empty when LocalWorkloadSelector is specified', spec.asNumber ?? 0));
  }
  if (peerIP && workloadSelector) {
    out.push(issue('spec.peerIP', 'PeerIP field must be empty when LocalWorkloadSelector is specified', spec.peerIP));
  }
  if (peerSelector && workloadSelector) {
    out.push(issue('spec.peerSelector', 'PeerSelector field must be empty when LocalWorkloadSelector is specified', spec.peerSelector));
  }
  if (text('reachableBy') !== '') {
    const problem = reachableByProblem(text('reachableBy'), text('peerIP'));
    if (problem) out.push(issue('spec.reachableBy', problem, spec.reachableBy));
  }
  if (spec.keepOriginalNextHop === true && spec.nextHopMode !== undefined && spec.nextHopMode !== null) {
    out.push(issue('spec.keepOriginalNextHop', KEEP_NEXT_HOP_MSG, true));
  }
  return out;
};

/** The BGPPeer CRD's OpenAPI and CEL rules (calicoctl 3.32 applies them on create/apply/replace only). */
export const crdRules: SemanticRule = (resource: CalicoResource) => {
  const out: Issues = [];
  const spec = resource.spec ?? {};
  const set = (field: string): boolean => isNonEmptyString(spec[field]);
  crdMaxLength(out, 'spec.node', spec.node, 253);
  crdMaxLength(out, 'spec.peerIP', spec.peerIP, 64);
  for (const f of ['nodeSelector', 'peerSelector', 'localWorkloadSelector']) crdMaxLength(out, `spec.${f}`, spec[f], 4096);
  // nextHopMode and reversePeering are pointers (an empty string is kept); sourceAddress is omitempty.
  crdEnum(out, 'spec.nextHopMode', spec.nextHopMode, ['Auto', 'Self', 'Keep'], true);
  crdEnum(out, 'spec.sourceAddress', spec.sourceAddress, ['UseNodeIP', 'None']);
  crdEnum(out, 'spec.reversePeering', spec.reversePeering, ['Auto', 'Manual'], true);
  const asNumber = parseASNumber(spec.asNumber) ?? 0;
  if (set('node') && set('nodeSelector')) out.push(issue('spec', 'node and nodeSelector cannot both be set'));
  if (set('peerIP') && set('peerSelector')) out.push(issue('spec', 'peerIP and peerSelector cannot both be set'));
  if (set('peerSelector') && asNumber !== 0) out.push(issue('spec', 'asNumber must be empty when peerSelector is set'));
  if (set('localWorkloadSelector')) {
    if (set('peerIP')) out.push(issue('spec', 'peerIP must be empty when localWorkloadSelector is set'));
    if (set('peerSelector')) out.push(issue('spec', 'peerSelector must be empty when localWorkloadSelector is set'));
    if (asNumber === 0) out.push(issue('spec', 'asNumber is required when localWorkloadSelector is set'));
  }
  return out;
};
