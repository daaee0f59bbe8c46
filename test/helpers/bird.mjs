// Real BIRD 1.6 daemons (bird, bird6) with real BGP sessions on loopback, for node status tests.
// Addresses and ports are random per fixture so test files can run in parallel: IPv4 daemons each get an
// address in 127.X.Y.0/24 (every 127/8 address is local), IPv6 daemons share ::1 and differ by port.
import {spawn} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync} from 'node:fs';
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

async function freePortRetry(host) {
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
async function startDaemon(binary, dir, name, timeoutMs) {
  const socket = join(dir, `${name}.ctl`);
  const child = spawn(binary, ['-f', '-c', `${name}.conf`, '-s', `${name}.ctl`, '-P', `${name}.pid`], {
    cwd: dir,
    env: {...process.env, TZ: 'UTC'},
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

/**
 * Starts the 1.6 fixture (test/fixtures/bird/bird1): IPv4 node A with peers B (mesh, Established),
 * C (node specific, Established), .9 (Active), .10 (disabled), .11 (passive), upstream1 (non-Calico);
 * IPv6 node A6 with B6 (Established), one refused and one disabled peer. Waits until all is settled.
 */
export async function startBird1Fixture({timeoutMs = 20000} = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'calicoctl-bird-'));
  const x = rand(10, 99);
  const y = rand(10, 99);
  const P = `127.${x}.${y}`;
  const vars = {P, U: P.replace(/\./g, '_'), PORT: await freePortRetry(`${P}.1`)};
  vars.P6A = await freePortRetry('::1');
  vars.P6B = await freePortRetry('::1');
  vars.P6X = await freePortRetry('::1');
  vars.P6D = await freePortRetry('::1');
  for (const n of ['a', 'b', 'c', 'a6', 'b6']) writeFileSync(join(dir, `${n}.conf`), fill(readFileSync(join(FIXTURES, 'bird1', `${n}.conf`), 'utf8'), vars));

  const daemons = [];
  const stop = async () => {
    for (const d of daemons) d.child.kill('SIGTERM');
    await Promise.all(daemons.map((d) => Promise.race([d.child.exited, new Promise((r) => setTimeout(r, 3000))])));
    for (const d of daemons) if (d.child.exitCode === null) d.child.kill('SIGKILL');
    rmSync(dir, {recursive: true, force: true});
  };
  try {
    const bird = birdBinary('bird');
    const bird6 = birdBinary('bird6');
    const started = await Promise.all([
      startDaemon(bird, dir, 'a', timeoutMs),
      startDaemon(bird, dir, 'b', timeoutMs),
      startDaemon(bird, dir, 'c', timeoutMs),
      startDaemon(bird6, dir, 'a6', timeoutMs),
      startDaemon(bird6, dir, 'b6', timeoutMs),
    ]);
    daemons.push(...started);
    const U = vars.U;
    await Promise.all([
      waitFor(join(dir, 'a.ctl'), {
        [`Mesh_${U}_2`]: /^up Established$/,
        [`Node_${U}_3`]: /^up Established$/,
        [`Global_${U}_9`]: /^start Active Socket: Connection refused$/,
        [`Node_${U}_11`]: /^start Passive$/,
      }, timeoutMs),
      waitFor(join(dir, 'a6.ctl'), {
        [`Node___1_port_${vars.P6B}`]: /^up Established$/,
        [`Global___1_port_${vars.P6X}`]: /^start Active Socket: Connection refused$/,
      }, timeoutMs),
    ]);
  } catch (err) {
    await stop();
    throw err;
  }
  return {dir, vars, socket: join(dir, 'a.ctl'), socket6: join(dir, 'a6.ctl'), stop};
}

/**
 * Fake Felix processes as calicoctl looks for them (argv `calico-felix ...` or `calico-node -felix ...`),
 * without root. Returns stop().
 */
export function startFakeFelix(kind = 'calico-felix') {
  const child =
    kind === 'calico-felix'
      ? spawn('sleep', ['3600'], {argv0: 'calico-felix', stdio: 'ignore'})
      : spawn('sleep', ['3600'], {argv0: 'calico-node', stdio: 'ignore'});
  children.add(child);
  const exited = new Promise((r) => child.once('exit', r));
  return {
    pid: child.pid,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      children.delete(child);
    },
  };
}
