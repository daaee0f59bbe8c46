// `node diags` with a controlled PATH: fake tools for some commands, the rest missing and reported;
// BIRD state from a live daemon; logs copied; the bundle is a valid tar.gz.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {runCli} from '../helpers/cli.mjs';
import {startLoneBird} from '../helpers/bird.mjs';

let tmp;
let bird;
let bin;
before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'calicoctl-diags-'));
  bin = join(tmp, 'bin');
  mkdirSync(bin);
  const fake = (name, body) => {
    writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  fake('date', 'echo "Thu Nov 26 12:00:00 UTC 2026"');
  fake('hostname', 'echo node-1');
  fake('ip', 'echo "ip $*"');
  fake('ss', 'echo "ss $*"');
  fake('pkill', 'exit 1');
  fake('iptables-save', 'echo "iptables: permission denied" >&2; exit 4');
  bird = await startLoneBird('router id 10.9.9.9;\nprotocol device { scan time 10; }\n');
});
after(async () => {
  await bird?.stop();
  rmSync(tmp, {recursive: true, force: true});
});

test('collects what it can, reports each missing tool, writes the bundle', async () => {
  const out = mkdtempSync(join(tmp, 'out-'));
  const logs = join(tmp, 'logs');
  mkdirSync(join(logs, 'felix'), {recursive: true});
  writeFileSync(join(logs, 'felix', 'current'), 'felix log line\n');
  const r = await runCli(['node', 'diags', '--log-dir', logs], {
    env: {PATH: bin, TMPDIR: out, CALICOCTL_ASSUME_ROOT: '1', CALICO_BIRD_SOCKET: bird.socket, CALICO_BIRD6_SOCKET: join(tmp, 'none.ctl')},
  });
  assert.equal(r.stderr, '');
  assert.equal(r.code, 0);
  const m = /^Using temp dir: (.*)$/m.exec(r.stdout);
  assert.ok(m, r.stdout);
  const dir = m[1];
  assert.ok(dir.startsWith(join(out, 'calico')));
  const bundle = /^Diags saved to (.*diags-\d{8}_\d{6}\.tar\.gz)$/m.exec(r.stdout)?.[1];
  assert.ok(bundle?.startsWith(dir + '/'), r.stdout);
  const none = (tool, cmd) => `Failed to run command: ${cmd}\nError: ${tool}: executable file not found in $PATH\n`;
  assert.equal(
    r.stdout,
    `Collecting diagnostics\nUsing temp dir: ${dir}\n` +
      'Dumping routes (IPv4)\nDumping routes (IPv6)\nDumping interface info (IPv4)\nDumping interface info (IPv6)\n' +
      'Dumping nftables\n' + none('nft', 'nft -n -a list ruleset') +
      'Dumping iptables (IPv4)\nFailed to run command: iptables-save -c\nError: iptables: permission denied\n\n' +
      'Dumping iptables (IPv6)\n' + none('ip6tables-save', 'ip6tables-save -c') +
      'Dumping ipsets\n' + none('ipset', 'ipset list') +
      'Dumping ipsets (container)\n' + none('docker', 'docker run --rm --privileged --net=host calico/node ipset list') +
      'Copying journal for calico-node.service\n' + none('journalctl', 'journalctl -u calico-node.service --no-pager') +
      'Dumping felix stats\nFailed to run command: pkill -SIGUSR1 felix\nError: \n' +
      'Dumping ss\n' +
      'Dumping BIRD protocols (IPv4)\n' +
      `Dumping BIRD protocols (IPv6)\nFailed to query BIRDv6: dial unix ${join(tmp, 'none.ctl')}: connect: no such file or directory\n` +
      'Copying Calico logs\n' +
      'Could not run docker command: docker: executable file not found in $PATH\n' +
      `\nDiags saved to ${bundle}\nIf required, you can upload the diagnostics bundle to a file sharing service.\n` +
      'Not installed, so not collected: nft, ip6tables-save, ipset, docker, journalctl\n',
  );
  const list = spawnSync('tar', ['-tzf', bundle], {encoding: 'utf8'});
  assert.equal(list.status, 0, list.stderr);
  const files = list.stdout.trim().split('\n');
  assert.ok(!files.some((f) => f.includes('pkill')), files.join(' '));
  for (const f of ['diagnostics/', 'diagnostics/date', 'diagnostics/hostname', 'diagnostics/ipv4_route', 'diagnostics/ss', 'diagnostics/bird_protocols', 'diagnostics/logs/felix/current']) {
    assert.ok(files.includes(f), `${f} in ${files.join(' ')}`);
  }
  const route = spawnSync('tar', ['-xzOf', bundle, 'diagnostics/ipv4_route'], {encoding: 'utf8'});
  assert.equal(route.stdout, 'ip -4 route\n');
  const birdText = spawnSync('tar', ['-xzOf', bundle, 'diagnostics/bird_protocols'], {encoding: 'utf8'}).stdout;
  assert.match(birdText, /^# .*lone\.ctl: BIRD 1\.6\.\d+ ready\.\n/);
  assert.match(birdText, /device1 +Device +master +up/);
});

test('missing log dir is reported, not fatal; needs root', async () => {
  const out = mkdtempSync(join(tmp, 'out-'));
  const r = await runCli(['node', 'diags', '--log-dir', join(tmp, 'nologs')], {
    env: {PATH: bin, TMPDIR: out, CALICOCTL_ASSUME_ROOT: '1', CALICO_BIRD_SOCKET: bird.socket},
  });
  assert.equal(r.code, 0);
  assert.match(r.stdout, new RegExp(`\\nError copying log files: stat ${join(tmp, 'nologs')}: no such file or directory\\n`));
  const notRoot = await runCli(['node', 'diags'], {env: {CALICOCTL_ASSUME_ROOT: '0'}});
  assert.deepEqual([notRoot.code, notRoot.stdout], [1, 'Need super user privileges: Operation not permitted\n']);
});
