// Process discovery by reading /proc (the root is injectable for tests: CALICOCTL_PROC_ROOT), and the
// root check (CALICOCTL_ASSUME_ROOT=1/0 forces it either way, also a test hook).
import {readdirSync, readFileSync} from 'node:fs';

export interface ProcessInfo {
  pid: number;
  argv: string[];
  /** /proc/PID/comm: the executable's name, truncated to 15 characters by the kernel; read on first use. */
  readonly comm: string;
}

export function procRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.CALICOCTL_PROC_ROOT || '/proc';
}

/** Every process whose command line is readable; vanished or unreadable PIDs are skipped. */
export function listProcesses(root = procRoot()): ProcessInfo[] {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return [];
  }
  const out: ProcessInfo[] = [];
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    let argv: string[];
    try {
      argv = readFileSync(`${root}/${name}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    if (argv[argv.length - 1] === '') argv.pop();
    if (argv.length === 0) continue; // kernel threads have an empty command line
    let comm: string | undefined;
    const commPath = `${root}/${name}/comm`;
    out.push({
      pid: Number(name),
      argv,
      get comm(): string {
        if (comm === undefined) {
          try {
            comm = readFileSync(commPath, 'utf8').replace(/\n$/, '');
          } catch {
            comm = ''; // vanished, or a fake tree with only cmdline
          }
        }
        return comm;
      },
    });
  }
  return out;
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * A daemon counts as running when argv[0]'s basename (or the kernel's comm) is its name, so `/usr/sbin/bird`
 * is found too. calicoctl compares argv[0] exactly and misses daemons started by absolute path.
 */
export function isRunning(processes: readonly ProcessInfo[], name: string): boolean {
  // comm costs a read per process, so only when no command line matches.
  return processes.some((p) => basename(p.argv[0]) === name) || processes.some((p) => p.comm === name);
}

/** Felix runs as `calico-felix` (old images) or as `calico-node -felix`. */
export function isFelixRunning(processes: readonly ProcessInfo[]): boolean {
  return processes.some((p) => {
    const exe = basename(p.argv[0]);
    return exe === 'calico-felix' || (exe === 'calico-node' && p.argv[1] === '-felix');
  });
}

export function isRoot(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.CALICOCTL_ASSUME_ROOT === '1') return true;
  if (env.CALICOCTL_ASSUME_ROOT === '0') return false;
  return process.getuid?.() === 0;
}

export const NEED_ROOT_MESSAGE = 'Need super user privileges: Operation not permitted';
