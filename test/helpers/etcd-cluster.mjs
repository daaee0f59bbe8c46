// Throwaway etcd clusters on loopback for the reliability tests: 1 or 3 members, plain HTTP or HTTPS with
// client-certificate authentication (certificates from test/helpers/pki.mjs), optional etcd auth.
// Members can be killed one by one; the leader can be found. Start a cluster once per test file.
import {spawn} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {etcdBinary, freePort} from '../../scripts/lib/etcd-server.mjs';

const b64 = (s) => Buffer.from(s, 'utf8').toString('base64');

/** POSTs JSON to an etcd gateway URL (http or https with the given TLS material); resolves {status, json}. */
export async function etcdRequest(endpoint, path, body, {tls, token, timeoutMs = 3000} = {}) {
  const url = new URL(path, endpoint);
  const mod = url.protocol === 'https:' ? await import('node:https') : await import('node:http');
  const payload = JSON.stringify(body ?? {});
  return new Promise((resolve, reject) => {
    const headers = {'content-type': 'application/json', 'content-length': Buffer.byteLength(payload)};
    if (token) headers.authorization = token;
    const req = mod.request(url, {method: 'POST', headers, timeout: timeoutMs, ...(tls ?? {})}, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => {
        try {
          resolve({status: res.statusCode, json: text ? JSON.parse(text) : {}});
        } catch {
          resolve({status: res.statusCode, json: {raw: text}});
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * startCluster({size = 1, pki, serverCert?, serverKey?, clientCertAuth = true, extraArgs = []}) ->
 * {endpoints, members, clientTls, leaderIndex(), kill(i), restart(i), readAll({prefix, token}), stop()}
 * With `pki`, client URLs are https (served with pki's server certificate); peers always talk plain HTTP.
 */
export async function startCluster({size = 1, pki, serverCert, serverKey, clientCertAuth = true, extraArgs = [], timeoutMs = 30000} = {}) {
  const bin = etcdBinary();
  if (!bin) throw new Error('etcd is not installed (Debian package etcd-server)');
  const scheme = pki ? 'https' : 'http';
  const members = [];
  for (let i = 0; i < size; i++) {
    const name = `m${i}`;
    members.push({name, clientPort: await freePort(), peerPort: await freePort(), dataDir: mkdtempSync(join(tmpdir(), 'calicoctl-etcd-'))});
  }
  const initialCluster = members.map((m) => `${m.name}=http://127.0.0.1:${m.peerPort}`).join(',');
  const clientTls = pki
    ? {ca: readFileSync(pki.files.ca), cert: readFileSync(pki.files.clientCert), key: readFileSync(pki.files.clientKey)}
    : undefined;
  for (const m of members) {
    m.endpoint = `${scheme}://127.0.0.1:${m.clientPort}`;
    const tlsArgs = pki
      ? ['--cert-file', serverCert ?? pki.files.serverCert, '--key-file', serverKey ?? pki.files.serverKey, ...(clientCertAuth ? ['--client-cert-auth', '--trusted-ca-file', pki.files.ca] : [])]
      : [];
    m.args = [
      '--name', m.name,
      '--data-dir', m.dataDir,
      '--listen-client-urls', m.endpoint,
      '--advertise-client-urls', m.endpoint,
      '--listen-peer-urls', `http://127.0.0.1:${m.peerPort}`,
      '--initial-advertise-peer-urls', `http://127.0.0.1:${m.peerPort}`,
      '--initial-cluster', initialCluster,
      '--initial-cluster-state', 'new',
      '--log-level', 'error',
      '--logger', 'zap',
      ...tlsArgs,
      ...extraArgs,
    ];
    spawnMember(m);
  }
  function spawnMember(m) {
    const child = spawn(bin, m.args, {stdio: ['ignore', 'ignore', 'pipe']});
    m.child = child;
    m.alive = true;
    m.stderr = '';
    child.stderr.on('data', (d) => (m.stderr = (m.stderr + d).slice(-4000)));
    child.on('exit', () => (m.alive = false));
  }
  /** Starts a killed member again on its old data directory; resolves when it answers. */
  const restart = async (i) => {
    const m = members[i];
    if (m.alive) return;
    spawnMember(m);
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      try {
        if ((await status(m)).leader) return;
      } catch {
        /* not up yet */
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`etcd member ${m.name} did not come back: ${m.stderr}`);
  };

  const kill = async (i, signal = 'SIGKILL') => {
    const m = members[i];
    if (!m.alive) return;
    const done = new Promise((r) => m.child.once('exit', r));
    m.child.kill(signal);
    await done;
  };
  const stop = async () => {
    await Promise.all(members.map((_, i) => kill(i)));
    for (const m of members) rmSync(m.dataDir, {recursive: true, force: true});
  };
  // Probing health does not judge the server's certificate (some tests serve a bad one on purpose).
  const probeTls = clientTls && {...clientTls, rejectUnauthorized: false};
  const status = async (m) => (await etcdRequest(m.endpoint, '/v3/maintenance/status', {}, {tls: probeTls, timeoutMs: 1000})).json;

  // Ready when every member reports the same leader.
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const dead = members.find((m) => !m.alive);
    if (dead) {
      await stop();
      throw new Error(`etcd member ${dead.name} exited during start-up: ${dead.stderr}`);
    }
    try {
      // With a deliberately broken server certificate etcd's own gateway cannot work: a handshake will do.
      if (serverCert) {
        await Promise.all(members.map((m) => tlsHandshake(m.clientPort, probeTls)));
        break;
      }
      const all = await Promise.all(members.map(status));
      if (all.every((s) => s.leader && s.leader === all[0].leader)) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`etcd cluster did not become ready within ${timeoutMs} ms: ${members.map((m) => m.stderr).join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  /** Index of the current leader among the live members. */
  const leaderIndex = async () => {
    for (const m of members.filter((x) => x.alive)) {
      try {
        const s = await status(m);
        const idx = await Promise.all(members.map(async (x) => (x.alive ? (await status(x)).header?.member_id : undefined)));
        const found = idx.indexOf(s.leader);
        if (found >= 0) return found;
      } catch {
        /* try the next member */
      }
    }
    return -1;
  };

  /** Every key/value in the cluster (or under `prefix`), read from a live member, as {key: value}. */
  const readAll = async ({prefix, token} = {}) => {
    const body = prefix ? {key: b64(prefix), range_end: b64(prefixEnd(prefix))} : {key: b64('\0'), range_end: b64('\0')};
    let json;
    let lastError;
    // Any live member with a leader will do (one may still be catching up after a restart).
    for (const m of members.filter((x) => x.alive)) {
      try {
        const res = await etcdRequest(m.endpoint, '/v3/kv/range', body, {tls: clientTls, token, timeoutMs: 5000});
        if (res.status === 200) {
          json = res.json;
          break;
        }
        lastError = new Error(`range failed: ${JSON.stringify(res.json)}`);
      } catch (err) {
        lastError = err;
      }
    }
    if (!json) throw lastError ?? new Error('no live etcd member');
    const out = {};
    for (const kv of json.kvs ?? []) out[Buffer.from(kv.key, 'base64').toString('utf8')] = Buffer.from(kv.value ?? '', 'base64').toString('utf8');
    return out;
  };

  return {endpoints: members.map((m) => m.endpoint), members, clientTls, leaderIndex, kill, restart, readAll, stop};
}

function tlsHandshake(port, tls) {
  return import('node:tls').then(
    ({connect}) =>
      new Promise((resolve, reject) => {
        const sock = connect({host: '127.0.0.1', port, ...tls}, () => {
          sock.destroy();
          resolve();
        });
        sock.setTimeout(1000, () => sock.destroy(new Error('timeout')));
        sock.on('error', reject);
      }),
  );
}

function prefixEnd(prefix) {
  const buf = Buffer.from(prefix, 'utf8');
  buf[buf.length - 1] += 1;
  return buf.toString('utf8');
}

/**
 * Turns on etcd authentication: user `root` (password rootPassword), role `calico` with read/write on the
 * `/calico/` prefix and user `calico` with that role, and role `outsider` (read/write on `/other/` only)
 * with user `outsider`. Returns nothing; use the passwords you passed.
 */
export async function enableAuth(cluster, {rootPassword, calicoPassword, outsiderPassword}) {
  const ep = cluster.endpoints[0];
  const tls = cluster.clientTls;
  const call = async (path, body) => {
    const {status, json} = await etcdRequest(ep, path, body, {tls});
    if (status !== 200) throw new Error(`${path}: ${JSON.stringify(json)}`);
  };
  const grant = (role, prefix) =>
    call('/v3/auth/role/grant', {name: role, perm: {permType: 'READWRITE', key: b64(prefix), range_end: b64(prefixEnd(prefix))}});
  await call('/v3/auth/user/add', {name: 'root', password: rootPassword});
  await call('/v3/auth/role/add', {name: 'root'});
  await call('/v3/auth/user/grant', {user: 'root', role: 'root'});
  await call('/v3/auth/role/add', {name: 'calico'});
  await grant('calico', '/calico/');
  await call('/v3/auth/user/add', {name: 'calico', password: calicoPassword});
  await call('/v3/auth/user/grant', {user: 'calico', role: 'calico'});
  await call('/v3/auth/role/add', {name: 'outsider'});
  await grant('outsider', '/other/');
  await call('/v3/auth/user/add', {name: 'outsider', password: outsiderPassword});
  await call('/v3/auth/user/grant', {user: 'outsider', role: 'outsider'});
  await call('/v3/auth/enable', {});
}

/** A token for `name` (for reading the cluster directly once auth is on). */
export async function authToken(cluster, name, password) {
  const {json} = await etcdRequest(cluster.endpoints[0], '/v3/auth/authenticate', {name, password}, {tls: cluster.clientTls});
  return json.token;
}
