// The `node status` model: which BIRD daemons run, what their sockets say about Calico's BGP peers.
// BIRD 1.6 runs one daemon per family (bird, bird6); BIRD 2.x serves both families from `bird`.
import {birdMajorVersion, birdQuery, BirdSocketError, isErrorCode, type BirdReply} from '../bird/client.js';
import {parseProtocols, type ProtocolEntry} from '../bird/protocols.js';
import {parseCalicoPeerName, type PeerType} from './peers.js';
import {isFelixRunning, isRunning, type ProcessInfo} from './processes.js';

export type Family = 'IPv4' | 'IPv6';

/** One Calico BGP peer; the JSON output prints these records as they are. */
export interface PeerStatus {
  family: Family;
  protocol: string;
  /** Named after calicoctl's bgpPeer.PeerIP. */
  peerIP: string;
  peerPort: number | null;
  peerType: PeerType;
  state: string;
  since: string;
  bgpState: string;
  info: string;
  neighborAS: number | null;
  lastError: string | null;
  routes: {imported: number; exported: number; preferred: number} | null;
}

export interface FamilyStatus {
  family: Family;
  /** A daemon serving this family runs (`bird`/`bird6`; a BIRD 2 `bird` serves both). */
  running: boolean;
  peers: PeerStatus[];
  /** calicoctl's text for an unreachable socket (`dial unix ...: connect: ...`); peers is then empty. */
  connectError?: string;
}

export interface NodeStatus {
  felixRunning: boolean;
  families: [FamilyStatus, FamilyStatus];
}

/** calicoctl's socket search order; an explicit path (flag or environment) replaces it. */
export function socketCandidates(family: Family, explicit?: string): string[] {
  if (explicit) return [explicit];
  const file = family === 'IPv4' ? 'bird.ctl' : 'bird6.ctl';
  return [`/var/run/calico/${file}`, `/var/run/bird/${file}`];
}

/** A failure that is not a plain "cannot connect" (bad framing, timeout, BIRD error reply). */
export class BirdQueryError extends Error {
  /** Set by collectNodeStatus: the family being queried and what was collected before it. */
  family?: Family;
  partial?: NodeStatus;

  constructor(message: string) {
    super(message);
    this.name = 'BirdQueryError';
  }
}

function failedAt(err: unknown, family: Family, partial: NodeStatus): unknown {
  if (err instanceof BirdQueryError) {
    err.family = family;
    err.partial = partial;
  }
  return err;
}

interface DaemonAnswer {
  major?: number;
  entries: ProtocolEntry[];
}

async function queryDaemon(paths: readonly string[], command: string, timeoutMs?: number): Promise<DaemonAnswer> {
  let lastConnectError: BirdSocketError | undefined;
  for (const path of paths) {
    try {
      const session = await birdQuery(path, [command], timeoutMs);
      const reply = session.replies[0] as BirdReply;
      if (isErrorCode(reply.code)) {
        const text = reply.lines[reply.lines.length - 1]?.text ?? '';
        throw new BirdQueryError(`BIRD at ${path} answered "${command}" with error ${reply.code}: ${text}`);
      }
      try {
        return {major: birdMajorVersion(session.greeting), entries: parseProtocols(reply)};
      } catch (err) {
        throw new BirdQueryError((err as Error).message);
      }
    } catch (err) {
      if (err instanceof BirdSocketError && err.duringConnect) {
        lastConnectError = err;
        continue;
      }
      if (err instanceof BirdSocketError) throw new BirdQueryError(err.message);
      throw err;
    }
  }
  throw lastConnectError ?? new BirdSocketError('no socket path', 'ENOENT', '', true);
}

/** Turns protocol rows into Calico peers: BGP protocols with Calico names only, in BIRD's order. */
export function peersFromEntries(entries: readonly ProtocolEntry[], daemonFamily: Family | undefined): PeerStatus[] {
  const peers: PeerStatus[] = [];
  for (const e of entries) {
    if (e.proto !== 'BGP') continue;
    const decoded = parseCalicoPeerName(e.name);
    if (!decoded) continue;
    let bgpState: string;
    let info: string;
    if (e.state === 'down') {
      // BIRD prints no state word for a down protocol, only the error (empty after a disable).
      bgpState = e.details?.bgpState ?? 'Down';
      info = e.info;
    } else {
      const space = e.info.indexOf(' ');
      bgpState = space < 0 ? e.info : e.info.slice(0, space);
      info = space < 0 ? '' : e.info.slice(space + 1);
    }
    const d = e.details;
    peers.push({
      family: daemonFamily ?? decoded.family,
      protocol: e.name,
      peerIP: d?.neighborAddress ?? decoded.address,
      peerPort: decoded.port ?? d?.neighborPort ?? null,
      peerType: decoded.peerType,
      state: e.state,
      since: e.since,
      bgpState,
      info,
      neighborAS: d?.neighborAS ?? null,
      lastError: d?.lastError ?? null,
      routes: d?.routes ?? null,
    });
  }
  return peers;
}

export interface CollectOptions {
  processes: readonly ProcessInfo[];
  birdSocket?: string;
  bird6Socket?: string;
  /** Ask for `show protocols all` (neighbor AS, last error, routes) instead of `show protocols`. */
  details: boolean;
  readTimeoutMs?: number;
}

/**
 * Queries the running daemons. Connection failures are recorded per family (calicoctl reports them and
 * carries on); any other failure throws BirdQueryError.
 */
export async function collectNodeStatus(opts: CollectOptions): Promise<NodeStatus> {
  const command = opts.details ? 'show protocols all' : 'show protocols';
  const v4: FamilyStatus = {family: 'IPv4', running: isRunning(opts.processes, 'bird'), peers: []};
  const v6: FamilyStatus = {family: 'IPv6', running: isRunning(opts.processes, 'bird6'), peers: []};
  const status: NodeStatus = {felixRunning: isFelixRunning(opts.processes), families: [v4, v6]};
  if (!status.felixRunning) return status;

  const query = (family: Family, explicit: string | undefined): Promise<DaemonAnswer | BirdSocketError> =>
    queryDaemon(socketCandidates(family, explicit), command, opts.readTimeoutMs).catch((err: unknown) => {
      if (err instanceof BirdSocketError) return err;
      throw failedAt(err, family, status);
    });
  // Both daemons are asked at once; the IPv6 answer is dropped if the IPv4 daemon is a BIRD 2 (it serves both).
  const v6Pending = v6.running ? query('IPv6', opts.bird6Socket) : undefined;
  v6Pending?.catch(() => undefined); // awaited below unless BIRD 2 makes it moot
  if (v4.running) {
    const answer = await query('IPv4', opts.birdSocket);
    if (answer instanceof BirdSocketError) {
      v4.connectError = answer.message;
    } else if ((answer.major ?? 1) >= 2) {
      const peers = peersFromEntries(answer.entries, undefined);
      v4.peers = peers.filter((p) => p.family === 'IPv4');
      v6.peers = peers.filter((p) => p.family === 'IPv6');
      v6.running = true;
      return status;
    } else {
      v4.peers = peersFromEntries(answer.entries, 'IPv4');
    }
  }
  if (v6Pending) {
    const answer = await v6Pending;
    if (answer instanceof BirdSocketError) v6.connectError = answer.message;
    else v6.peers = peersFromEntries(answer.entries, (answer.major ?? 1) >= 2 ? undefined : 'IPv6').filter((p) => p.family === 'IPv6');
  }
  return status;
}

/** True when the peer is fully up: state `up` and BGP Established (`wait` = graceful-restart recovery). */
export function isEstablished(p: PeerStatus): boolean {
  return p.state === 'up' && p.bgpState === 'Established';
}
