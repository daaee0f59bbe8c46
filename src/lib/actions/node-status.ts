// `calicoctl node status`: calicoctl's output and exit codes by default; `-o json` and `--check` for scripts.
// Imports only node built-ins (via src/lib/node and src/lib/bird) so it starts as fast as node itself.
import type {CommandAction} from '../cli/types.js';
import type {Output} from '../io.js';
import {CliError} from '../errors.js';
import {isRoot, listProcesses, NEED_ROOT_MESSAGE} from '../node/processes.js';
import {BirdQueryError, collectNodeStatus, isEstablished, type Family, type FamilyStatus, type NodeStatus, type PeerStatus} from '../node/status.js';
import {renderBoxTable} from '../node/table.js';

/** `--check`: some Calico peer is not Established. */
export const EXIT_PEERS_NOT_ESTABLISHED = 2;

const TABLE_HEADERS = ['Peer address', 'Peer type', 'State', 'Since', 'Info'];

function familySection(f: FamilyStatus): string {
  const v = f.family === 'IPv4' ? '4' : '6';
  const text = `\nIPv${v} BGP status\n`;
  // calicoctl prints this without a newline and exits 0; kept byte for byte.
  if (f.connectError) return text + `Error querying BIRD: unable to connect to BIRDv${v} socket: ${f.connectError}`;
  if (f.peers.length === 0) return text + `No IPv${v} peers found.\n`;
  const rows = f.peers.map((p) => [p.peerIP, p.peerType, p.state, p.since, tableInfo(p)]);
  return text + renderBoxTable(TABLE_HEADERS, rows);
}

/** BIRD's info column: BGP state and message; a down peer has only its message (empty after a disable). */
function tableInfo(p: PeerStatus): string {
  if (p.state === 'down') return p.info;
  return p.info ? `${p.bgpState} ${p.info}` : p.bgpState;
}

function notRunningLine(f: FamilyStatus): string {
  return f.family === 'IPv4' ? `\nINFO: BIRDv4 process: 'bird' is not running.\n` : `\nINFO: BIRDv6 process: 'bird6' is not running.\n`;
}

/** The table output calicoctl has written when querying `family` fails. */
function tableUpTo(status: NodeStatus, family: Family): string {
  let text = 'Calico process is running.\n';
  for (const f of status.families) {
    if (f.family === family) return text + `\nIPv${family === 'IPv4' ? '4' : '6'} BGP status\n`;
    text += f.running ? familySection(f) : notRunningLine(f);
  }
  return text;
}

function printTable(status: NodeStatus, out: Output): void {
  let text = 'Calico process is running.\n';
  const [v4, v6] = status.families;
  if (!v4.running && !v6.running) text += '\nThe BGP backend process (BIRD) is not running.\n';
  else for (const f of status.families) text += f.running ? familySection(f) : notRunningLine(f);
  out.out(text + '\n');
}

function printJson(status: NodeStatus, out: Output): void {
  const [v4, v6] = status.families;
  if (!v4.running && !v6.running) out.err('INFO: The BGP backend process (BIRD) is not running.\n');
  else for (const f of status.families) if (!f.running) out.err(notRunningLine(f).slice(1));
  out.out(JSON.stringify([...v4.peers, ...v6.peers], null, 2) + '\n');
}

export const nodeStatusAction: CommandAction = async ({flags, out}) => {
  if (!isRoot()) throw new CliError(NEED_ROOT_MESSAGE, {stream: 'stdout'});
  const json = flags.output === 'json';
  const check = Boolean(flags.check);
  let status: NodeStatus;
  try {
    status = await collectNodeStatus({
      processes: listProcesses(),
      birdSocket: flags['bird-socket'] || process.env.CALICO_BIRD_SOCKET || undefined,
      bird6Socket: flags['bird6-socket'] || process.env.CALICO_BIRD6_SOCKET || undefined,
      details: json,
    });
  } catch (err) {
    if (!(err instanceof BirdQueryError)) throw err;
    // calicoctl has printed everything up to the failing section's heading by then.
    if (!json && err.partial && err.family) out.out(tableUpTo(err.partial, err.family));
    throw new CliError(`error executing command: ${err.message}`);
  }
  if (!status.felixRunning) throw new CliError('Calico process is not running.');

  const unreachable = status.families.filter((f) => f.running && f.connectError);
  if (json) {
    if (unreachable.length > 0) {
      const f = unreachable[0];
      throw new CliError(`Error querying BIRD: unable to connect to BIRDv${f.family === 'IPv4' ? '4' : '6'} socket: ${f.connectError}`);
    }
    printJson(status, out);
  } else {
    printTable(status, out);
  }
  if (!check) return 0;
  const [v4, v6] = status.families;
  if (unreachable.length > 0 || (!v4.running && !v6.running)) return 1;
  return [...v4.peers, ...v6.peers].every(isEstablished) ? 0 : EXIT_PEERS_NOT_ESTABLISHED;
};
