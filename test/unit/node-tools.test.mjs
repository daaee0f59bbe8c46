// Pure helpers of node checksystem and node diags: version compare, module detection sources, PATH lookup,
// bundle name, and the built-in tar.gz writer (checked with the system tar when present).
import {test, after} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {kernelAtLeast, moduleAvailable, resultLine, REQUIRED_MODULES, systemRoots} from '../../dist/lib/node/checksystem.js';
import {bundleTimestamp, lookPath} from '../../dist/lib/node/diags.js';
import {writeTarGz} from '../../dist/lib/node/tar.js';

const tmp = mkdtempSync(join(tmpdir(), 'calicoctl-node-tools-'));
after(() => rmSync(tmp, {recursive: true, force: true}));

test('kernel version compare uses the numeric prefix', () => {
  assert.equal(kernelAtLeast('6.1.0-18-amd64', '2.6.24'), true);
  assert.equal(kernelAtLeast('2.6.24', '2.6.24'), true);
  assert.equal(kernelAtLeast('2.6.18-400.el5', '2.6.24'), false);
  assert.equal(kernelAtLeast('3', '2.6.24'), true);
  assert.equal(kernelAtLeast('garbage', '2.6.24'), false);
});

test('result line is calicoctl\'s printf', () => {
  assert.equal(resultLine('ip_set', 'OK'), '\t\tip_set              \t\t\t\t\tOK\n');
  assert.equal(resultLine('nf_conntrack_netlink', 'FAIL'), '\t\tnf_conntrack_netlink\t\t\t\t\tFAIL\n');
});

test('module detection: alternatives, hyphen/underscore, compressed .ko, config =y/=m only', () => {
  const mod = (n) => REQUIRED_MODULES.find((m) => m.name === n);
  const none = {sysModules: join(tmp, 'nosys')};
  assert.equal(moduleAvailable(mod('vfio-pci'), {...none, loaded: 'vfio_pci 16384 0 - Live 0x0\n'}), true);
  assert.equal(moduleAvailable(mod('xt_set'), {...none, modulesDep: 'kernel/net/ipv4/netfilter/ipt_set.ko.zst:\n'}), true);
  assert.equal(moduleAvailable(mod('xt_set'), {...none, modulesDep: 'kernel/net/netfilter/xt_set_foo.ko:\n'}), false);
  assert.equal(moduleAvailable(mod('xt_mark'), {...none, kernelConfig: 'CONFIG_NETFILTER_XT_MARK=m\n'}), true);
  assert.equal(moduleAvailable(mod('xt_mark'), {...none, kernelConfig: 'CONFIG_NETFILTER_XT_MARK=n\n# CONFIG_IP_NF_TARGET_MARK is not set\n'}), false);
  assert.equal(moduleAvailable(mod('ip_tables'), {...none, loaded: 'ip_tables_x 1 0\n'}), false);
  mkdirSync(join(tmp, 'sys', 'vfio_pci'), {recursive: true});
  assert.equal(moduleAvailable(mod('vfio-pci'), {sysModules: join(tmp, 'sys')}), true);
});

test('file-system roots from the environment', () => {
  assert.deepEqual(systemRoots({}), {proc: '/proc', sys: '/sys', modules: '/lib/modules', fs: ''});
  assert.deepEqual(systemRoots({CALICOCTL_FS_ROOT: '/x/', CALICOCTL_SYS_ROOT: '/s'}), {proc: '/x/proc', sys: '/s', modules: '/x/lib/modules', fs: '/x'});
});

test('lookPath finds executables only; bundle timestamps are calicoctl\'s format', () => {
  const bin = join(tmp, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'tool'), '#!/bin/sh\n');
  chmodSync(join(bin, 'tool'), 0o755);
  writeFileSync(join(bin, 'data'), '');
  assert.equal(lookPath('tool', `/nonexistent:${bin}`), join(bin, 'tool'));
  assert.equal(lookPath('data', bin), undefined);
  assert.equal(lookPath('tool', ''), undefined);
  assert.equal(bundleTimestamp(new Date(2026, 10, 6, 9, 5, 3)), '20261106_090503');
});

test('tar.gz writer: directories, long paths via the ustar prefix, too-long names reported', {skip: spawnSync('tar', ['--version']).status !== 0 && 'no tar'}, () => {
  const base = join(tmp, 'tarsrc');
  const deep = join(base, 'diagnostics', 'logs', 'a'.repeat(60), 'b'.repeat(60));
  mkdirSync(deep, {recursive: true});
  writeFileSync(join(base, 'diagnostics', 'date'), 'today\n');
  writeFileSync(join(deep, 'c'.repeat(50) + '.log'), 'x'.repeat(1000));
  writeFileSync(join(base, 'diagnostics', 'logs', 'z'.repeat(120)), 'too long');
  const out = join(tmp, 'b.tar.gz');
  const skipped = writeTarGz(base, 'diagnostics', out);
  assert.deepEqual(skipped, ['diagnostics/logs/' + 'z'.repeat(120)]);
  const list = spawnSync('tar', ['-tzf', out], {encoding: 'utf8'});
  assert.equal(list.status, 0, list.stderr);
  assert.ok(list.stdout.includes(`diagnostics/logs/${'a'.repeat(60)}/${'b'.repeat(60)}/${'c'.repeat(50)}.log\n`));
  const body = spawnSync('tar', ['-xzOf', out, 'diagnostics/date'], {encoding: 'utf8'});
  assert.equal(body.stdout, 'today\n');
});
