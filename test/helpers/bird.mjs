// Real BIRD daemons with real BGP sessions on loopback for the node tests (BIRD 1.6 bird/bird6, and BIRD 2
// when it can be unpacked), fake Felix processes and fake /proc trees. Addresses and ports are random per
// fixture so test files can run in parallel: IPv4 daemons each get an address in 127.X.Y.0/24 (every 127/8
// address is local), IPv6 daemons share ::1 and differ by port. Daemons are children of the test process
// and are killed if it exits early.
import {spawn, spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {birdQuery} from '../../dist/lib/bird/client.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/bird/', import.meta.url));
const children = new Set();
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

const rand = (lo, hi) => lo + Math.floor(Math.random() * (hi - lo + 1));

/** A TCP port nobody listens on at `host` right now. */
function freePort(host) {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(rand(20000, 59999), host, () => {
      const {port} = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export async function freePortRetry(host) {
  for (let i = 0; ; i++) {
    try {
      return await freePort(host);
    } catch (err) {
      if (i > 20) throw err;
    }
  }
}

export function birdBinary(name) {
  for (const dir of ['/usr/sbin', '/usr/local/sbin', '/usr/bin']) if (existsSync(`${dir}/${name}`)) return `${dir}/${name}`;
  return name;
}

export function fill(template, vars) {
  return template.replace(/\{\{(\w+)\}\}/g, (_, k) => {
    if (!(k in vars)) throw new Error(`fixture placeholder {{${k}}} has no value`);
    return String(vars[k]);
  });
}

/** Spawns `bird -f` (stays a child of the runner); resolves once its control socket answers. */
async function startDaemon(binary, dir, name, timeoutMs, extraEnv = {}) {
  const socket = join(dir, `${name}.ctl`);
  const child = spawn(binary, ['-f', '-c', `${name}.conf`, '-s', `${name}.ctl`, '-P', `${name}.pid`], {
    cwd: dir,
    env: {...process.env, ...extraEnv, TZ: 'UTC'},
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (d) => (log += d));
  children.add(child);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({code, signal})));
  child.exited = exited;
  exited.then(() => children.delete(child));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await birdQuery(socket, [], 1000);
      return {child, socket, log: () => log};
    } catch {
      const done = await Promise.race([exited, new Promise((r) => setTimeout(() => r(undefined), 25))]);
      if (done) throw new Error(`${binary} ${name}.conf exited (${JSON.stringify(done)}): ${log}`);
      if (Date.now() > deadline) throw new Error(`${binary} ${name}.conf: control socket not ready: ${log}`);
    }
  }
}

/** `show protocols` rows as {name: info} from a raw socket. */
export async function protocolInfo(socket) {
  const {replies} = await birdQuery(socket, ['show protocols'], 2000);
  const rows = {};
  for (const {code, text} of replies[0].lines) {
    if (code !== '1002') continue;
    const f = text.trim().split(/\s+/);
    rows[f[0]] = {state: f[3], info: f.slice(5).join(' ')};
  }
  return rows;
}

/** Polls until every `want[name]` regex matches that protocol's `state info`; bounded by timeoutMs. */
export async function waitFor(socket, want, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  let rows = {};
  for (;;) {
    try {
      rows = await protocolInfo(socket);
      if (Object.entries(want).every(([n, re]) => rows[n] && re.test(`${rows[n].state} ${rows[n].info}`))) return rows;
    } catch {
      // not ready yet
    }
    if (Date.now() > deadline) throw new Error(`BIRD at ${socket} never reached ${JSON.stringify(Object.keys(want))}: ${JSON.stringify(rows)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function fixtureVars() {
  const P = `127.${rand(10, 99)}.${rand(10, 99)}`;
  const vars = {P, U: P.replace(/\./g, '_'), PORT: await freePortRetry(`${P}.1`)};
  for (const k of ['P6A', 'P6B', 'P6X', 'P6D']) vars[k] = await freePortRetry('::1');
  return vars;
}

/** Writes the variant's configs, starts the daemons, waits for `settled(vars, dir)`; returns {dir, vars, stop}. */
async function startFixture(variant, daemons, settled, timeoutMs) {
  const dir = mkdtempSync(join(tmpdir(), `calicoctl-${variant}-`));
  const vars = await fixtureVars();
  for (const {name} of daemons) {
    writeFileSync(join(dir, `${name}.conf`), fill(readFileSync(join(FIXTURES, variant, `${name}.conf`), 'utf8'), vars));
  }
  const running = [];
  const stop = async () => {
    for (const d of running) d.child.kill('SIGTERM');
    await Promise.all(running.map((d) => Promise.race([d.child.exited, new Promise((r) => setTimeout(r, 3000))])));
    for (const d of running) if (d.child.exitCode === null) d.child.kill('SIGKILL');
    rmSync(dir, {recursive: true, force: true});
  };
  try {
    running.push(...(await Promise.all(daemons.map((d) => startDaemon(d.binary, dir, d.name, timeoutMs, d.env)))));
    await settled(vars, dir);
  } catch (err) {
    await stop();
    throw err;
  }
  return {dir, vars, stop};
}

/**
 * Starts the 1.6 fixture (test/fixtures/bird/bird1): IPv4 node A with peers B (mesh, Established),
 * C (node specific, Established), .9 (Active), .10 (disabled), .11 (passive), upstream1 (non-Calico);
 * IPv6 node A6 with B6 (Established), one refused and one disabled peer. Waits until all is settled.
 */
export async function startBird1Fixture({timeoutMs = 20000} = {}) {
  const bird = birdBinary('bird');
  const bird6 = birdBinary('bird6');
  const daemons = [
    {binary: bird, name: 'a'},
    {binary: bird, name: 'b'},
    {binary: bird, name: 'c'},
    {binary: bird6, name: 'a6'},
    {binary: bird6, name: 'b6'},
  ];
  const fx = await startFixture(
    'bird1',
    daemons,
    ({U, P6B, P6X}, dir) =>
      Promise.all([
        waitFor(join(dir, 'a.ctl'), {
          [`Mesh_${U}_2`]: /^up Established$/,
          [`Node_${U}_3`]: /^up Established$/,
          [`Global_${U}_9`]: /^start Active Socket: Connection refused$/,
          [`Node_${U}_11`]: /^start Passive$/,
        }, timeoutMs),
        waitFor(join(dir, 'a6.ctl'), {
          [`Node___1_port_${P6B}`]: /^up Established$/,
          [`Global___1_port_${P6X}`]: /^start Active Socket: Connection refused$/,
        }, timeoutMs),
      ]),
    timeoutMs,
  );
  return {...fx, socket: join(fx.dir, 'a.ctl'), socket6: join(fx.dir, 'a6.ctl')};
}

/**
 * Finds a BIRD 2 binary: $CALICOCTL_TEST_BIRD2 (path of an unpacked Debian bird2 tree), else a cached
 * unpack in the temp dir, else (as root, network permitting) `apt-get download bird2 libssh-gcrypt-4` and
 * `dpkg -x` there. Never installs it (it conflicts with bird 1.6). Returns {binary, env} or undefined.
 */
export function findBird2() {
  const tree = process.env.CALICOCTL_TEST_BIRD2 || join(tmpdir(), 'calicoctl-bird2');
  const binary = join(tree, 'usr/sbin/bird');
  const env = {LD_LIBRARY_PATH: join(tree, 'usr/lib/x86_64-linux-gnu')};
  const works = () => existsSync(binary) && spawnSync(binary, ['--version'], {env: {...process.env, ...env}, encoding: 'utf8', timeout: 5000}).stderr?.includes('BIRD version 2');
  if (works()) return {binary, env};
  if (process.env.CALICOCTL_TEST_BIRD2 || process.getuid?.() !== 0) return undefined;
  const dl = mkdtempSync(join(tmpdir(), 'calicoctl-bird2-dl-'));
  try {
    const r = spawnSync('apt-get', ['download', 'bird2', 'libssh-gcrypt-4'], {cwd: dl, stdio: 'ignore', timeout: 30000});
    if (r.status !== 0) return undefined;
    for (const deb of readdirSync(dl).filter((f) => f.endsWith('.deb'))) {
      spawnSync('dpkg', ['-x', join(dl, deb), tree], {stdio: 'ignore', timeout: 30000});
    }
  } finally {
    rmSync(dl, {recursive: true, force: true});
  }
  return works() ? {binary, env} : undefined;
}

/** The BIRD 2 fixture (test/fixtures/bird/bird2): one daemon A for both families, peers B (v4+v6) and C. */
export async function startBird2Fixture({binary, env}, {timeoutMs = 20000} = {}) {
  const daemons = ['a', 'b', 'c'].map((name) => ({binary, name, env}));
  const fx = await startFixture(
    'bird2',
    daemons,
    ({U, P6B, P6X}, dir) =>
      waitFor(join(dir, 'a.ctl'), {
        [`Mesh_${U}_2`]: /^up Established$/,
        [`Node_${U}_3`]: /^up Established$/,
        [`Global_${U}_9`]: /^start Active Socket: Connection refused$/,
        [`Node_${U}_11`]: /^start Passive$/,
        [`Node___1_port_${P6B}`]: /^up Established$/,
        [`Global___1_port_${P6X}`]: /^start Active Socket: Connection refused$/,
      }, timeoutMs),
    timeoutMs,
  );
  return {...fx, socket: join(fx.dir, 'a.ctl')};
}

/**
 * A fake Felix process as calicoctl looks for it, without root: argv `calico-felix 3600` (sleep), or
 * `calico-node -felix never` (awk reads "-felix" as program file "elix" and blocks opening the FIFO "never").
 * Returns {pid, stop()}.
 */
export function startFakeFelix(kind = 'calico-felix') {
  let child;
  let dir;
  if (kind === 'calico-felix') {
    child = spawn('sleep', ['3600'], {argv0: 'calico-felix', stdio: 'ignore'});
  } else {
    dir = mkdtempSync(join(tmpdir(), 'calicoctl-felix-'));
    writeFileSync(join(dir, 'elix'), '{ n++ }\n');
    spawnSync('mkfifo', [join(dir, 'never')]);
    child = spawn('awk', ['-felix', 'never'], {argv0: 'calico-node', cwd: dir, stdio: 'ignore'});
  }
  children.add(child);
  const exited = new Promise((r) => child.once('exit', r));
  return {
    pid: child.pid,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      children.delete(child);
      if (dir) rmSync(dir, {recursive: true, force: true});
    },
  };
}

/** A fake /proc tree (CALICOCTL_PROC_ROOT) holding the given argv lists; returns its path. */
export function fakeProcTree(parent, argvs) {
  const root = mkdtempSync(join(parent, 'proc-'));
  argvs.forEach((argv, i) => {
    mkdirSync(join(root, String(100 + i)));
    writeFileSync(join(root, String(100 + i), 'cmdline'), argv.map((a) => a + '\0').join(''));
  });
  return root;
}

/** One standalone `bird` with the given config text (no BGP), for tests that only need a live socket. */
export async function startLoneBird(confText, {timeoutMs = 10000} = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'calicoctl-lonebird-'));
  writeFileSync(join(dir, 'lone.conf'), confText);
  let d;
  try {
    d = await startDaemon(birdBinary('bird'), dir, 'lone', timeoutMs);
  } catch (err) {
    rmSync(dir, {recursive: true, force: true});
    throw err;
  }
  return {
    dir,
    socket: d.socket,
    stop: async () => {
      d.child.kill('SIGTERM');
      await Promise.race([d.child.exited, new Promise((r) => setTimeout(r, 3000))]);
      if (d.child.exitCode === null) d.child.kill('SIGKILL');
      rmSync(dir, {recursive: true, force: true});
    },
  };
}
