// Calico names its BIRD BGP protocols `<Mesh|Node|Global>_<peer IP with . or : as _>[_port_<n>]`
// (confd's bgp_processor). The prefix gives the peer type; other names are not Calico peers.

export type PeerType = 'node-to-node mesh' | 'node specific' | 'global';

const PEER_TYPES: Record<string, PeerType> = {
  Mesh: 'node-to-node mesh',
  Node: 'node specific',
  Global: 'global',
};

export interface CalicoPeerName {
  peerType: PeerType;
  address: string;
  family: 'IPv4' | 'IPv6';
  port?: number;
}

const CALICO_NAME = /^(Global|Node|Mesh)_(.+?)(?:_port_(\d+))?$/;
const IPV4_UNDERSCORED = /^\d{1,3}(_\d{1,3}){3}$/;
const IPV6_UNDERSCORED = /^[0-9a-fA-F_]+$/;

/** Decodes a Calico protocol name; undefined for names Calico does not generate. */
export function parseCalicoPeerName(name: string): CalicoPeerName | undefined {
  const m = CALICO_NAME.exec(name);
  if (!m) return undefined;
  const [, prefix, encoded, port] = m;
  let address: string;
  let family: 'IPv4' | 'IPv6';
  if (IPV4_UNDERSCORED.test(encoded)) {
    address = encoded.replace(/_/g, '.');
    family = 'IPv4';
  } else if (IPV6_UNDERSCORED.test(encoded) && encoded.includes('_')) {
    address = encoded.replace(/_/g, ':');
    family = 'IPv6';
  } else {
    return undefined;
  }
  return {peerType: PEER_TYPES[prefix], address, family, ...(port ? {port: Number(port)} : {})};
}
