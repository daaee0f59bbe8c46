#!/usr/bin/env node
// Makes a fresh machine ready: npm dependencies, Debian packages the tests need (as root), a fresh build.
// Used by `npm test`, `npm run demo` and .ci/run so that one command does all the set-up.
import {execFileSync, spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const sh = (cmd, args, opts = {}) => execFileSync(cmd, args, {cwd: root, stdio: 'inherit', ...opts});
const have = (bin) => spawnSync('sh', ['-c', `command -v ${bin}`], {stdio: 'ignore'}).status === 0;

/** Debian packages by the binaries they provide. */
const SYSTEM_PACKAGES = {etcd: 'etcd-server', etcdctl: 'etcd-client', bird: 'bird', bird6: 'bird', openssl: 'openssl'};

export function ensureSystemPackages(bins = Object.keys(SYSTEM_PACKAGES)) {
  const missing = [...new Set(bins.filter((b) => !have(b) && !existsSync(`/usr/sbin/${b}`)).map((b) => SYSTEM_PACKAGES[b]))];
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    console.error(`missing system packages: ${missing.join(' ')} (install them with apt-get as root)`);
    return;
  }
  console.error(`installing ${missing.join(' ')} ...`);
  sh('apt-get', ['update', '-qq']);
  sh('apt-get', ['install', '-y', '-qq', ...missing], {env: {...process.env, DEBIAN_FRONTEND: 'noninteractive'}});
  // Where an init system runs, Debian starts the packaged daemons; the tests start their own on free
  // ports, so stop the system services (never pkill: that would also kill other runs' test daemons).
  spawnSync('sh', ['-c', 'service etcd stop; service bird stop; service bird6 stop'], {stdio: 'ignore'});
}

export function ensureNodeModules() {
  if (!existsSync(`${root}/node_modules/@oclif/core`)) sh('npm', ['ci', '--no-audit', '--no-fund']);
}

export function build() {
  sh(process.execPath, ['scripts/build.mjs']);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensureNodeModules();
  ensureSystemPackages();
  build();
}
