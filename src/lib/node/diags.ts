// `node diags`: runs calicoctl's list of diagnostic commands into a temp dir, adds BIRD's protocol state
// and the Calico logs, and packs it all as diags-<timestamp>.tar.gz. A tool that is not installed is
// reported and skipped; nothing here aborts the collection.
import {spawnSync} from 'node:child_process';
import {accessSync, closeSync, constants, cpSync, mkdirSync, mkdtempSync, openSync, readFileSync, statSync, unlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {delimiter, join} from 'node:path';
import {birdQuery} from '../bird/client.js';
import {socketCandidates, type Family} from './status.js';
import {writeTarGz} from './tar.js';

interface DiagCommand {
  info: string;
  cmd: string[];
  /** Output file in diagnostics/; empty = run only (felix stats are written to Felix's own log). */
  file: string;
  timeoutMs?: number;
}

/** calicoctl's commands, in its order. */
export const DIAG_COMMANDS: readonly DiagCommand[] = [
  {info: '', cmd: ['date'], file: 'date'},
  {info: '', cmd: ['hostname'], file: 'hostname'},
  {info: 'Dumping routes (IPv4)', cmd: ['ip', '-4', 'route'], file: 'ipv4_route'},
  {info: 'Dumping routes (IPv6)', cmd: ['ip', '-6', 'route'], file: 'ipv6_route'},
  {info: 'Dumping interface info (IPv4)', cmd: ['ip', '-4', 'addr'], file: 'ipv4_addr'},
  {info: 'Dumping interface info (IPv6)', cmd: ['ip', '-6', 'addr'], file: 'ipv6_addr'},
  {info: 'Dumping nftables', cmd: ['nft', '-n', '-a', 'list', 'ruleset'], file: 'nft_ruleset'},
  {info: 'Dumping iptables (IPv4)', cmd: ['iptables-save', '-c'], file: 'ipv4_tables'},
  {info: 'Dumping iptables (IPv6)', cmd: ['ip6tables-save', '-c'], file: 'ipv6_tables'},
  {info: 'Dumping ipsets', cmd: ['ipset', 'list'], file: 'ipsets'},
  {
    info: 'Dumping ipsets (container)',
    cmd: ['docker', 'run', '--rm', '--privileged', '--net=host', 'calico/node', 'ipset', 'list'],
    file: 'ipset_container',
    timeoutMs: 120_000,
  },
  {info: 'Copying journal for calico-node.service', cmd: ['journalctl', '-u', 'calico-node.service', '--no-pager'], file: 'journalctl_calico_node'},
  {info: 'Dumping felix stats', cmd: ['pkill', '-SIGUSR1', 'felix'], file: ''},
];

const NETSTAT: DiagCommand = {info: 'Dumping netstat', cmd: ['netstat', '-a', '-n'], file: 'netstat'};
const SS: DiagCommand = {info: 'Dumping ss', cmd: ['ss', '-a', '-n'], file: 'ss'};
const DEFAULT_TIMEOUT_MS = 30_000;

/** Path of an executable found on PATH, like exec.LookPath. */
export function lookPath(name: string, pathEnv = process.env.PATH ?? ''): string | undefined {
  for (const dir of pathEnv.split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, name);
    try {
      accessSync(p, constants.X_OK);
      if (statSync(p).isFile()) return p;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** `20060102_150405` in local time, as calicoctl names the bundle. */
export function bundleTimestamp(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}_${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

export interface DiagsOptions {
  logDir: string;
  print: (text: string) => void;
  birdSocket?: string;
  bird6Socket?: string;
}

export interface DiagsResult {
  bundle: string;
  missingTools: string[];
}

export async function collectDiags(opts: DiagsOptions): Promise<DiagsResult> {
  const {print} = opts;
  print('Collecting diagnostics\n');
  const tmp = mkdtempSync(join(tmpdir(), 'calico'));
  print(`Using temp dir: ${tmp}\n`);
  const diagDir = join(tmp, 'diagnostics');
  mkdirSync(diagDir);
  const missing = new Set<string>();

  const commands = [...DIAG_COMMANDS, lookPath('netstat') ? NETSTAT : SS];
  for (const c of commands) runDiag(c, diagDir, print, missing);

  for (const family of ['IPv4', 'IPv6'] as Family[]) await dumpBird(family, family === 'IPv4' ? opts.birdSocket : opts.bird6Socket, diagDir, print);

  const logDest = join(diagDir, 'logs');
  let logStat;
  try {
    logStat = statSync(opts.logDir);
  } catch (err) {
    print(`Error copying log files: stat ${opts.logDir}: ${errnoText(err)}\n`);
  }
  if (logStat?.isDirectory()) {
    print('Copying Calico logs\n');
    try {
      cpSync(opts.logDir, logDest, {recursive: true});
    } catch (err) {
      print(`Error copying log files: ${(err as Error).message}\n`);
    }
  } else if (logStat) {
    print(`No logs found in ${opts.logDir}; skipping log copying`);
  }
  copyContainerLogs(logDest, print, missing);

  const bundle = join(tmp, `diags-${bundleTimestamp(new Date())}.tar.gz`);
  try {
    const skipped = writeTarGz(tmp, 'diagnostics', bundle);
    for (const s of skipped) print(`Could not add ${s} to the bundle\n`);
  } catch (err) {
    print(`Error compressing the diagnostics: ${(err as Error).message}\n`);
  }
  print(`\nDiags saved to ${bundle}\n`);
  print('If required, you can upload the diagnostics bundle to a file sharing service.\n');
  if (missing.size > 0) print(`Not installed, so not collected: ${[...missing].join(', ')}\n`);
  return {bundle, missingTools: [...missing]};
}

function errnoText(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return 'no such file or directory';
  if (e.code === 'EACCES') return 'permission denied';
  return e.message;
}

/** Runs one command with stdout+stderr into its file, like calicoctl's CombinedOutput. */
function runDiag(c: DiagCommand, dir: string, print: (t: string) => void, missing: Set<string>): void {
  if (c.info) print(c.info + '\n');
  const cmdline = c.cmd.join(' ');
  const exe = lookPath(c.cmd[0]);
  if (!exe) {
    missing.add(c.cmd[0]);
    print(`Failed to run command: ${cmdline}\nError: ${c.cmd[0]}: executable file not found in $PATH\n`);
    return;
  }
  const outFile = c.file ? join(dir, c.file) : join(dir, '..', `${c.cmd[0]}.out`);
  const fd = openSync(outFile, 'w');
  let r;
  try {
    r = spawnSync(exe, c.cmd.slice(1), {stdio: ['ignore', fd, fd], timeout: c.timeoutMs ?? DEFAULT_TIMEOUT_MS, killSignal: 'SIGKILL'});
  } finally {
    closeSync(fd);
  }
  const output = readFileSync(outFile, 'utf8');
  if (!c.file) unlinkSync(outFile); // run-only command: nothing to keep
  if (r.error || r.status !== 0) {
    const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
    print(`Failed to run command: ${cmdline}\nError: ${output}${timedOut ? `(stopped after ${(c.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000}s)` : ''}\n`);
    return;
  }
}

/** BIRD's `show protocols all` as text (codes stripped), one file per family. */
async function dumpBird(family: Family, explicit: string | undefined, dir: string, print: (t: string) => void): Promise<void> {
  const v = family === 'IPv4' ? '' : '6';
  print(`Dumping BIRD protocols (${family})\n`);
  let lastError = '';
  for (const path of socketCandidates(family, explicit ?? (process.env[`CALICO_BIRD${v}_SOCKET`] || undefined))) {
    try {
      const s = await birdQuery(path, ['show status', 'show protocols all']);
      const text = s.replies.map((r) => r.lines.map((l) => l.text).join('\n')).join('\n\n');
      writeFileSync(join(dir, `bird${v}_protocols`), `# ${path}: ${s.greeting}\n${text}\n`);
      return;
    } catch (err) {
      lastError = (err as Error).message;
    }
  }
  print(`Failed to query BIRD${v ? 'v6' : 'v4'}: ${lastError}\n`);
}

/** Logs of `calico*` containers, as calicoctl collects them for hosted installs. */
function copyContainerLogs(logDir: string, print: (t: string) => void, missing: Set<string>): void {
  mkdirSync(logDir, {recursive: true});
  const docker = lookPath('docker');
  if (!docker) {
    missing.add('docker');
    print('Could not run docker command: docker: executable file not found in $PATH\n');
    return;
  }
  const ps = spawnSync(docker, ['ps', '-a', '--filter', 'name=calico', '--format', '{{.Names}}: {{.CreatedAt}}'], {
    encoding: 'utf8',
    timeout: DEFAULT_TIMEOUT_MS,
  });
  if (ps.error || ps.status !== 0) {
    print(`Could not run docker command: ${ps.stdout ?? ''}${ps.stderr ?? ''}\n`);
    return;
  }
  const containers = ps.stdout
    .split('\n')
    .filter((l) => l && !l.includes('k8s_POD'))
    .join('\n');
  if (!containers) return;
  print('Copying logs from Calico containers\n');
  writeFileSync(join(logDir, 'container_creation_time'), containers);
  for (const line of containers.split('\n')) {
    const name = line.split(':')[0];
    const r = spawnSync(docker, ['logs', name], {encoding: 'utf8', timeout: DEFAULT_TIMEOUT_MS, maxBuffer: 256 * 1024 * 1024});
    if (r.error || r.status !== 0) {
      print(`Could not pull log for container ${name}: ${r.error?.message ?? `exit status ${r.status}`}\n`);
      continue;
    }
    writeFileSync(join(logDir, `${name}.log`), r.stdout + r.stderr);
  }
}
