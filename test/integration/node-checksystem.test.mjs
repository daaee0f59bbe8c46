// `node checksystem` on fake file-system trees (CALICOCTL_FS_ROOT): every detection source, -f, failures.
import {test, after} from 'node:test';
import assert from 'node:assert/strict';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {runCli} from '../helpers/cli.mjs';

const tmp = mkdtempSync(join(tmpdir(), 'calicoctl-checksystem-'));
after(() => rmSync(tmp, {recursive: true, force: true}));

function tree(files, dirs = []) {
  const root = mkdtempSync(join(tmp, 'fs-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), {recursive: true});
    writeFileSync(join(root, path), text);
  }
  for (const d of dirs) mkdirSync(join(root, d), {recursive: true});
  return root;
}

const KV = '6.1.0-18-amd64';
const line = (v, r) => `\t\t${v.padEnd(20)}\t\t\t\t\t${r}\n`;
const run = (root, args = [], env = {}) => runCli(['node', 'checksystem', ...args], {env: {CALICOCTL_ASSUME_ROOT: '1', CALICOCTL_FS_ROOT: root, ...env}});

/** A host where each module is found by a different source. */
function goodHost() {
  return tree(
    {
      'proc/sys/kernel/osrelease': `${KV}\n`,
      'proc/modules': 'ip_tables 32768 0 - Live 0x0000000000000000\nxt_conntrack 16384 1 - Live 0x0\nvfio_pci 16384 0 - Live 0x0\n',
      [`lib/modules/${KV}/modules.dep`]:
        `kernel/net/netfilter/ipset/ip_set.ko.xz: kernel/net/netfilter/nfnetlink.ko.xz\n` +
        `kernel/net/netfilter/xt_ipvs.ko.xz:\nkernel/net/ipv4/netfilter/ipt_REJECT.ko.xz:\nkernel/net/netfilter/xt_addrtype.ko.zst:\n`,
      [`lib/modules/${KV}/modules.builtin`]: 'kernel/net/netfilter/xt_mark.ko\nkernel/net/netfilter/xt_multiport.ko\n',
      [`boot/config-${KV}`]: 'CONFIG_NETFILTER_XT_SET=m\nCONFIG_IP_NF_MATCH_RPFILTER=y\n# CONFIG_NETFILTER_XT_MATCH_U32 is not set\n',
    },
    ['sys/module/nf_conntrack_netlink', 'sys/module/ip6_tables', 'sys/module/xt_bpf'],
  );
}

test('all required modules found: calicoctl lines, optional one skipped, exit 0', async () => {
  const r = await run(goodHost());
  assert.equal(r.stderr, '');
  assert.equal(r.code, 0);
  assert.equal(
    r.stdout,
    'Checking kernel version...\n' +
      line(KV, 'OK') +
      'Checking kernel modules...\n' +
      ['ip_set', 'ip6_tables', 'ip_tables', 'ipt_ipvs', 'vfio-pci', 'xt_bpf', 'ipt_REJECT', 'xt_rpfilter', 'nf_conntrack_netlink', 'xt_addrtype', 'xt_conntrack', 'xt_mark', 'xt_multiport', 'xt_set']
        .map((m) => line(m, 'OK'))
        .join('') +
      'WARNING: Unable to detect optional module/feature xt_u32; continuing\n' +
      line('xt_u32', 'SKIP') +
      'System meets minimum system requirements to run Calico!\n',
  );
});

test('-f/--kernel-config replaces the search; a missing module fails with calicoctl\'s error', async () => {
  const root = goodHost();
  const cfg = join(tmp, 'other.config');
  writeFileSync(cfg, 'CONFIG_NETFILTER_XT_MATCH_U32=y\n');
  const r = await run(root, ['-f', cfg]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /\t\txt_u32 {14}\t{5}OK\n/);
  assert.match(r.stdout, /WARNING: Unable to detect the xt_set module as Loaded\/Builtin module or lsmod\n\t\txt_set {14}\t{5}FAIL\n/);
  assert.match(r.stdout, /WARNING: Unable to detect the xt_rpfilter module/);
  assert.doesNotMatch(r.stdout, /System meets/);
  assert.equal(r.stderr, "system doesn't meet one or more minimum systems requirements to run Calico\n");
  const long = await run(root, ['--kernel-config', cfg]);
  assert.equal(long.stdout, r.stdout);
});

test('old kernel and unreadable kernel version fail', async () => {
  const old = await run(tree({'proc/sys/kernel/osrelease': '2.6.18-400.el5\n'}));
  assert.equal(old.code, 1);
  assert.ok(old.stdout.startsWith('Checking kernel version...\n' + line('2.6.18-400.el5', 'FAIL') + 'Minimum kernel version to run Calico is 2.6.24. Detected kernel version: 2.6.18-400.el5\n'));
  const none = await run(tree({}));
  assert.equal(none.code, 1);
  assert.match(none.stdout, /^Checking kernel version...\n\t\t {20}\t{5}FAIL\nError executing command: cannot read the kernel version from .*osrelease\nChecking kernel modules...\n/);
});

test('needs root', async () => {
  const r = await run(goodHost(), [], {CALICOCTL_ASSUME_ROOT: '0'});
  assert.deepEqual([r.code, r.stdout, r.stderr], [1, 'Need super user privileges: Operation not permitted\n', '']);
});
