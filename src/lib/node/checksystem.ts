// `node checksystem`: kernel version and the kernel modules Calico needs. File-system roots are injectable
// (CALICOCTL_FS_ROOT prefixes them all; CALICOCTL_PROC_ROOT, CALICOCTL_SYS_ROOT, CALICOCTL_MODULES_ROOT
// override one) so tests can build fake trees. Reads /proc/modules instead of running lsmod (same data).
import {existsSync, readFileSync, statSync} from 'node:fs';

export const MIN_KERNEL_VERSION = '2.6.24';

export interface ModuleCheck {
  name: string;
  /** CONFIG_* symbols; any of them `=y` or `=m` in the kernel config counts. */
  configOptions: string[];
  /** Other module names providing the same feature. */
  alternatives?: string[];
  /** Missing optional modules print SKIP and do not fail the check. */
  optional?: boolean;
}

/** calicoctl's current list and order (released v3.32 iterated a Go map: random order). */
export const REQUIRED_MODULES: readonly ModuleCheck[] = [
  {name: 'ip_set', configOptions: ['CONFIG_IP_SET']},
  {name: 'ip6_tables', configOptions: ['CONFIG_IP6_NF_IPTABLES'], optional: true},
  {name: 'ip_tables', configOptions: ['CONFIG_IP_NF_IPTABLES']},
  {name: 'ipt_ipvs', configOptions: ['CONFIG_NETFILTER_XT_MATCH_IPVS'], alternatives: ['xt_ipvs']},
  {name: 'vfio-pci', configOptions: ['CONFIG_VFIO', 'CONFIG_VFIO_PCI'], alternatives: ['vfio_pci']},
  {name: 'xt_bpf', configOptions: ['CONFIG_BPF', 'CONFIG_NETFILTER_XT_MATCH_BPF'], optional: true},
  {name: 'ipt_REJECT', configOptions: ['CONFIG_IP_NF_TARGET_REJECT', 'CONFIG_NFT_REJECT', 'CONFIG_NETFILTER_XT_TARGET_REJECT'], alternatives: ['xt_REJECT']},
  {name: 'xt_rpfilter', configOptions: ['CONFIG_IP_NF_MATCH_RPFILTER', 'CONFIG_IP6_NF_MATCH_RPFILTER', 'CONFIG_NETFILTER_XT_MATCH_RPFILTER'], alternatives: ['ipt_rpfilter']},
  {name: 'nf_conntrack_netlink', configOptions: ['CONFIG_NF_CT_NETLINK']},
  {name: 'xt_addrtype', configOptions: ['CONFIG_NETFILTER_XT_MATCH_ADDRTYPE']},
  {name: 'xt_conntrack', configOptions: ['CONFIG_NETFILTER_XT_MATCH_CONNTRACK']},
  {name: 'xt_mark', configOptions: ['CONFIG_NETFILTER_XT_MARK', 'CONFIG_IP_NF_TARGET_MARK', 'CONFIG_NETFILTER_XT_TARGET_MARK']},
  {name: 'xt_multiport', configOptions: ['CONFIG_NETFILTER_XT_MATCH_MULTIPORT', 'CONFIG_IP_NF_MATCH_MULTIPORT']},
  {name: 'xt_set', configOptions: ['CONFIG_NETFILTER_XT_SET'], alternatives: ['ipt_set']},
  {name: 'xt_u32', configOptions: ['CONFIG_NETFILTER_XT_MATCH_U32'], optional: true},
];

export interface SystemRoots {
  proc: string;
  sys: string;
  modules: string;
  /** Prefix for the kernel config search paths (/boot, /usr/src, /lib/modules/<v>/build). */
  fs: string;
}

export function systemRoots(env: NodeJS.ProcessEnv = process.env): SystemRoots {
  const fs = (env.CALICOCTL_FS_ROOT ?? '').replace(/\/+$/, '');
  return {
    proc: env.CALICOCTL_PROC_ROOT || `${fs}/proc`,
    sys: env.CALICOCTL_SYS_ROOT || `${fs}/sys`,
    modules: env.CALICOCTL_MODULES_ROOT || `${fs}/lib/modules`,
    fs,
  };
}

/** Compares dotted numeric prefixes: `6.1.0-18-amd64` >= `2.6.24`. */
export function kernelAtLeast(version: string, minimum: string): boolean {
  const nums = (v: string): number[] => (/^\d+(\.\d+)*/.exec(v)?.[0] ?? '0').split('.').map(Number);
  const a = nums(version);
  const b = nums(minimum);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return true;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The kernel config file: the override, else the first of calicoctl's default locations that exists. */
export function findKernelConfig(roots: SystemRoots, kernelVersion: string, override?: string): string | undefined {
  if (override) return override;
  const candidates = [
    `${roots.fs}/usr/src/linux/.config`,
    `${roots.fs}/boot/config-${kernelVersion}`,
    `${roots.fs}/usr/src/linux-${kernelVersion}/.config`,
    `${roots.fs}/usr/src/linux-headers-${kernelVersion}/.config`,
    `${roots.modules}/${kernelVersion}/build/.config`,
  ];
  return candidates.find((p) => existsSync(p));
}

export interface ModuleSources {
  sysModules: string;
  modulesDep?: string;
  modulesBuiltin?: string;
  loaded?: string;
  kernelConfig?: string;
}

export function moduleSources(roots: SystemRoots, kernelVersion: string, kernelConfigPath?: string): ModuleSources {
  return {
    sysModules: `${roots.sys}/module`,
    modulesDep: readText(`${roots.modules}/${kernelVersion}/modules.dep`),
    modulesBuiltin: readText(`${roots.modules}/${kernelVersion}/modules.builtin`),
    loaded: readText(`${roots.proc}/modules`),
    kernelConfig: kernelConfigPath ? readText(kernelConfigPath) : undefined,
  };
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Loaded (sysfs, /proc/modules), loadable (modules.dep), built in (modules.builtin) or configured (=y/=m). */
export function moduleAvailable(mod: ModuleCheck, src: ModuleSources): boolean {
  for (const name of [mod.name, ...(mod.alternatives ?? [])]) {
    if (isDir(`${src.sysModules}/${name.replace(/-/g, '_')}`)) return true;
    const file = new RegExp(`/${escapeRegExp(name)}\\.ko(\\.(gz|xz|zst|bz2))?(:|\\s|$)`, 'm');
    if (src.modulesDep && file.test(src.modulesDep)) return true;
    if (src.modulesBuiltin && file.test(src.modulesBuiltin)) return true;
    if (src.loaded) {
      for (const variant of new Set([name, name.replace(/-/g, '_'), name.replace(/_/g, '-')])) {
        if (new RegExp(`^${escapeRegExp(variant)}\\s`, 'm').test(src.loaded)) return true;
      }
    }
  }
  if (src.kernelConfig) {
    for (const option of mod.configOptions) {
      if (new RegExp(`^${escapeRegExp(option)}=[ym]`, 'm').test(src.kernelConfig)) return true;
    }
  }
  return false;
}

/** calicoctl's result line. */
export function resultLine(value: string, result: string): string {
  return `\t\t${value.padEnd(20)}\t\t\t\t\t${result}\n`;
}

export const SYSTEM_OK = 'System meets minimum system requirements to run Calico!';
export const SYSTEM_NOT_OK = "system doesn't meet one or more minimum systems requirements to run Calico";

/** Runs every check, printing as it goes; resolves true when the system qualifies. */
export function checkSystem(print: (text: string) => void, roots: SystemRoots, kernelConfigOverride?: string): boolean {
  let ok = true;
  print('Checking kernel version...\n');
  const osrelease = `${roots.proc}/sys/kernel/osrelease`;
  const release = readText(osrelease)?.trim();
  if (release === undefined) {
    print(resultLine('', 'FAIL'));
    print(`Error executing command: cannot read the kernel version from ${osrelease}\n`);
    ok = false;
  } else if (!kernelAtLeast(release, MIN_KERNEL_VERSION)) {
    print(resultLine(release, 'FAIL'));
    print(`Minimum kernel version to run Calico is ${MIN_KERNEL_VERSION}. Detected kernel version: ${release}\n`);
    ok = false;
  } else {
    print(resultLine(release, 'OK'));
  }

  print('Checking kernel modules...\n');
  if (release === undefined) {
    print(`Error executing command: cannot read the kernel version from ${osrelease}\n`);
    return false;
  }
  const src = moduleSources(roots, release, findKernelConfig(roots, release, kernelConfigOverride));
  for (const mod of REQUIRED_MODULES) {
    if (moduleAvailable(mod, src)) {
      print(resultLine(mod.name, 'OK'));
    } else if (mod.optional) {
      print(`WARNING: Unable to detect optional module/feature ${mod.name}; continuing\n`);
      print(resultLine(mod.name, 'SKIP'));
    } else {
      print(`WARNING: Unable to detect the ${mod.name} module as Loaded/Builtin module or lsmod\n`);
      print(resultLine(mod.name, 'FAIL'));
      ok = false;
    }
  }
  return ok;
}
