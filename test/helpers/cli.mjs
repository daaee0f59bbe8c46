// Runs the built CLI as a separate process, the way users and scripts do.
import {spawn} from 'node:child_process';
import {fileURLToPath} from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/run.js', import.meta.url));

/**
 * runCli(args, {env, input, cwd, timeoutMs}) -> {code, stdout, stderr}
 * env is merged over a clean environment (no inherited ETCD_/CALICO_ variables).
 */
export function runCli(args, {env = {}, input, cwd = ROOT, timeoutMs = 30000} = {}) {
  const base = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(CALICO_|ETCD_|DATASTORE_TYPE|K8S_|KUBECONFIG|NO_COLOR|FORCE_COLOR)/.test(k)) continue;
    base[k] = v;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {cwd, env: {...base, ...env}, stdio: ['pipe', 'pipe', 'pipe']});
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`calicoctl ${args.join(' ')} did not finish within ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    // A CLI that rightly stops reading hostile input early must not crash the test with EPIPE.
    child.stdin.on('error', () => {});
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({code, stdout, stderr});
    });
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
  });
}
