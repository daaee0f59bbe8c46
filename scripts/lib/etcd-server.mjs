// Starts and stops a throwaway single-member etcd v3 server on loopback (tests, demo, benchmarks).
import {spawn, execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync, existsSync} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

/** Finds a free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const {port} = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export function etcdBinary() {
  for (const p of [process.env.ETCD_BIN, '/usr/bin/etcd', '/usr/local/bin/etcd']) if (p && existsSync(p)) return p;
  try {
    return execFileSync('sh', ['-c', 'command -v etcd'], {encoding: 'utf8'}).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Starts etcd; resolves once it answers a health check.
 * Returns {endpoint, clientPort, dataDir, stop()}.
 */
export async function startEtcd({name = 'test', timeoutMs = 20000} = {}) {
  const bin = etcdBinary();
  if (!bin) throw new Error('etcd is not installed (Debian package etcd-server)');
  const dataDir = mkdtempSync(join(tmpdir(), 'calicoctl-etcd-'));
  const clientPort = await freePort();
  const peerPort = await freePort();
  const endpoint = `http://127.0.0.1:${clientPort}`;
  const child = spawn(
    bin,
    [
      '--name', name,
      '--data-dir', dataDir,
      '--listen-client-urls', endpoint,
      '--advertise-client-urls', endpoint,
      '--listen-peer-urls', `http://127.0.0.1:${peerPort}`,
      '--initial-advertise-peer-urls', `http://127.0.0.1:${peerPort}`,
      '--initial-cluster', `${name}=http://127.0.0.1:${peerPort}`,
      '--log-level', 'error',
      '--logger', 'zap',
    ],
    {stdio: ['ignore', 'ignore', 'pipe']},
  );
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr = (stderr + d).slice(-4000);
  });
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  const stop = async () => {
    if (!exited) {
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await done;
      clearTimeout(t);
    }
    rmSync(dataDir, {recursive: true, force: true});
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) throw new Error(`etcd exited during start-up: ${stderr}`);
    try {
      const res = await fetch(`${endpoint}/health`, {signal: AbortSignal.timeout(1000)});
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`etcd did not become healthy within ${timeoutMs} ms: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {endpoint, clientPort, peerPort, dataDir, child, stop};
}
