// Node: Calico's Go field tags on the (internal, CRD-less) Node type and its NodeSpec struct validator.
// Slices without `dive` (orchRefs, addresses, interfaces) are not checked element by element, as in Calico.
import {parseIPOrCIDR} from '../../net/ip.js';
import type {CalicoResource} from '../../resource.js';
import type {SemanticRule} from '../types.js';
import {isIPv4, isIPv6, isMAC, issue, tagFailure, type Issues} from './common.js';
import {checkASNumber, isNonEmptyString, isWireguardKey} from './infra-helpers.js';

type Check = (value: string) => boolean;

/** [JSON path from the resource root, Go field name, validator tag, check] for each single-value field. */
const FIELD_CHECKS: ReadonlyArray<[string, string, string, Check]> = [
  ['spec.bgp.ipv4Address', 'IPv4Address', 'cidrv4', (v) => parseIPOrCIDR(v)?.ip.family === 4],
  ['spec.bgp.ipv6Address', 'IPv6Address', 'cidrv6', (v) => parseIPOrCIDR(v)?.ip.family === 6],
  ['spec.bgp.ipv4IPIPTunnelAddr', 'IPv4IPIPTunnelAddr', 'ipv4', isIPv4],
  ['spec.bgp.routeReflectorClusterID', 'RouteReflectorClusterID', 'ipv4', isIPv4],
  ['spec.ipv4VXLANTunnelAddr', 'IPv4VXLANTunnelAddr', 'ipv4', isIPv4],
  ['spec.vxlanTunnelMACAddr', 'VXLANTunnelMACAddr', 'mac', isMAC],
  ['spec.ipv6VXLANTunnelAddr', 'IPv6VXLANTunnelAddr', 'ipv6', isIPv6],
  ['spec.vxlanTunnelMACAddrV6', 'VXLANTunnelMACAddrV6', 'mac', isMAC],
  ['spec.wireguard.interfaceIPv4Address', 'InterfaceIPv4Address', 'ipv4', isIPv4],
  ['spec.wireguard.interfaceIPv6Address', 'InterfaceIPv6Address', 'ipv6', isIPv6],
  ['status.wireguardPublicKey', 'WireguardPublicKey', 'wireguardPublicKey', isWireguardKey],
  ['status.wireguardPublicKeyV6', 'WireguardPublicKeyV6', 'wireguardPublicKey', isWireguardKey],
];

function lookup(root: unknown, path: string): unknown {
  let v: any = root;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = v[key];
  }
  return v;
}

export const rules: SemanticRule = (resource: CalicoResource) => {
  const out: Issues = [];
  const bgp = resource.spec?.bgp;
  if (bgp && typeof bgp === 'object') {
    const empty = ['ipv4Address', 'ipv6Address', 'ipv4IPIPTunnelAddr', 'routeReflectorClusterID'].every((k) => !bgp[k]);
    if (empty && (bgp.asNumber === undefined || bgp.asNumber === null)) out.push(issue('spec.bgp', 'Spec.BGP should not be empty'));
  }
  checkASNumber(out, 'spec.bgp.asNumber', bgp?.asNumber);
  for (const [path, goField, tag, check] of FIELD_CHECKS) {
    const value = lookup(resource, path);
    if (isNonEmptyString(value) && !check(value)) out.push(issue(path, tagFailure(goField, tag), value));
  }
  return out;
};
