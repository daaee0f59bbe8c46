// BGPPeer: Calico's Go field validators (peerIP `IP:port`, selectors, names, reachableBy) and BGPPeerSpec
// struct validator, plus the CEL rules of the BGPPeer CRD (node/nodeSelector/peerSelector exclusivity etc.).
import {parseIP} from '../../net/ip.js';
import type {CalicoResource} from '../../resource.js';
import type {SemanticRule} from '../types.js';
import {checkNameList, checkSelector, issue, NAME_REGEX, tagFailure, type Issues} from './common.js';
import {checkASNumber, isNonEmptyString, parseASNumber, parsePeerIP} from './infra-helpers.js';

const KEEP_NEXT_HOP_WITH_MODE_MSG =
  'keepOriginalNextHop and nextHopMode cannot both be set; keepOriginalNextHop is deprecated, use nextHopMode instead';

export const rules: SemanticRule = (resource: CalicoResource) => {
  const out: Issues = [];
  const spec = resource.spec ?? {};

  if (isNonEmptyString(spec.node) && !NAME_REGEX.test(spec.node)) out.push(issue('spec.node', tagFailure('Node', 'name'), spec.node));
  checkSelector(spec.nodeSelector, 'spec.nodeSelector', out, 'NodeSelector');
  checkSelector(spec.peerSelector, 'spec.peerSelector', out, 'PeerSelector');
  checkSelector(spec.localWorkloadSelector, 'spec.localWorkloadSelector', out, 'LocalWorkloadSelector');
  const peer = isNonEmptyString(spec.peerIP) ? parsePeerIP(spec.peerIP) : undefined;
  if (isNonEmptyString(spec.peerIP) && !peer) out.push(issue('spec.peerIP', tagFailure('PeerIP', 'IP:port'), spec.peerIP));
  const reachableBy = isNonEmptyString(spec.reachableBy) ? parseIP(spec.reachableBy) : undefined;
  if (isNonEmptyString(spec.reachableBy) && !reachableBy) {
    out.push(issue('spec.reachableBy', tagFailure('ReachableBy', 'reachableBy'), spec.reachableBy));
  }
  checkNameList(spec.filters, 'spec.filters', 'Filters', out);
  checkASNumber(out, 'spec.asNumber', spec.asNumber);
  checkASNumber(out, 'spec.localASNumber', spec.localASNumber);

  const has = (field: string) => isNonEmptyString(spec[field]);
  const asNumber = parseASNumber(spec.asNumber) ?? 0;
  if (has('node') && has('nodeSelector')) out.push(issue('spec', 'node and nodeSelector cannot both be set'));
  if (has('peerIP') && has('peerSelector')) out.push(issue('spec', 'peerIP and peerSelector cannot both be set'));
  if (has('peerSelector') && asNumber !== 0) {
    out.push(issue('spec.asNumber', 'asNumber must be empty when peerSelector is set', spec.asNumber));
  }
  if (has('localWorkloadSelector')) {
    if (has('peerIP')) out.push(issue('spec.peerIP', 'peerIP must be empty when localWorkloadSelector is set', spec.peerIP));
    if (has('peerSelector')) {
      out.push(issue('spec.peerSelector', 'peerSelector must be empty when localWorkloadSelector is set', spec.peerSelector));
    }
    if (asNumber === 0) out.push(issue('spec.asNumber', 'asNumber is required when localWorkloadSelector is set'));
  }
  if (has('reachableBy') && !has('peerIP')) {
    out.push(issue('spec.reachableBy', 'reachableBy must be empty when peerIP is empty', spec.reachableBy));
  }
  if (spec.keepOriginalNextHop === true && spec.nextHopMode !== undefined && spec.nextHopMode !== null) {
    out.push(issue('spec.keepOriginalNextHop', KEEP_NEXT_HOP_WITH_MODE_MSG, true));
  }
  if (reachableBy && peer && reachableBy.family !== peer.ip.family) {
    out.push(issue('spec.reachableBy', 'ReachableBy and PeerIP address family mismatched', spec.reachableBy));
  }
  return out;
};
