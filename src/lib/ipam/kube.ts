// The one Kubernetes read `ipam check` needs: the cluster's Services (for Calico-managed LoadBalancer IPs).
// A minimal kubeconfig reader (current or --context context; token, basic auth, client certificates, CA,
// insecure-skip-tls-verify) and one bounded GET. Exec/auth-provider plugins are not supported.
import {readFileSync} from 'node:fs';
import {dirname, isAbsolute, resolve} from 'node:path';
import {CliError, errorMessage} from '../errors.js';

export interface KubeService {
  metadata?: {name?: string; namespace?: string; annotations?: Record<string, string>};
  spec?: {type?: string; loadBalancerClass?: string};
  status?: {loadBalancer?: {ingress?: {ip?: string}[]}};
}

interface Named<T> {
  name: string;
  [k: string]: unknown;
  cluster?: T;
  user?: T;
  context?: T;
}

interface KubeConnection {
  url: URL;
  headers: Record<string, string>;
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  insecure: boolean;
}

/** Resolves the kubeconfig's current (or K8S_CURRENT_CONTEXT) context into connection settings. */
export async function loadKubeconfig(path: string): Promise<KubeConnection> {
  let doc: Record<string, unknown>;
  try {
    const yaml = (await import('js-yaml')).default;
    doc = (yaml.load(readFileSync(path, 'utf8'), {schema: yaml.CORE_SCHEMA}) ?? {}) as Record<string, unknown>;
  } catch (err) {
    throw new CliError(errorMessage(err));
  }
  const base = dirname(path);
  const file = (p: unknown) => readFileSync(isAbsolute(String(p)) ? String(p) : resolve(base, String(p)));
  const data = (inline: unknown, ref: unknown): Buffer | undefined =>
    typeof inline === 'string' && inline ? Buffer.from(inline, 'base64') : typeof ref === 'string' && ref ? file(ref) : undefined;
  const find = <T>(list: unknown, name: string, field: 'cluster' | 'user' | 'context'): T | undefined =>
    ((Array.isArray(list) ? list : []) as Named<T>[]).find((e) => e?.name === name)?.[field];

  const contextName = process.env.K8S_CURRENT_CONTEXT || String(doc['current-context'] ?? '');
  const context = find<{cluster?: string; user?: string}>(doc.contexts, contextName, 'context');
  if (!context) throw new CliError(`invalid configuration: context "${contextName}" does not exist in ${path}`);
  const cluster = find<Record<string, unknown>>(doc.clusters, String(context.cluster ?? ''), 'cluster');
  if (!cluster || typeof cluster.server !== 'string') throw new CliError(`invalid configuration: no server found for cluster "${context.cluster}"`);
  const user = find<Record<string, unknown>>(doc.users, String(context.user ?? ''), 'user') ?? {};
  if (user.exec || user['auth-provider']) throw new CliError('kubeconfig exec and auth-provider plugins are not supported; use a token or client certificate');

  const headers: Record<string, string> = {Accept: 'application/json'};
  const token = typeof user.token === 'string' ? user.token : typeof user.tokenFile === 'string' ? file(user.tokenFile).toString('utf8').trim() : '';
  if (token) headers.Authorization = `Bearer ${token}`;
  else if (typeof user.username === 'string') {
    headers.Authorization = `Basic ${Buffer.from(`${user.username}:${String(user.password ?? '')}`).toString('base64')}`;
  }
  return {
    url: new URL(cluster.server),
    headers,
    ca: data(cluster['certificate-authority-data'], cluster['certificate-authority']),
    cert: data(user['client-certificate-data'], user['client-certificate']),
    key: data(user['client-key-data'], user['client-key']),
    insecure: cluster['insecure-skip-tls-verify'] === true,
  };
}

/** GET /api/v1/services (all namespaces), bounded by timeoutMs. */
export async function listServices(conn: KubeConnection, timeoutMs: number): Promise<KubeService[]> {
  const url = new URL(conn.url.pathname.replace(/\/$/, '') + '/api/v1/services', conn.url);
  const mod = url.protocol === 'https:' ? await import('node:https') : await import('node:http');
  const body = await new Promise<string>((resolveBody, reject) => {
    const req = mod.request(
      url,
      {method: 'GET', headers: conn.headers, ca: conn.ca, cert: conn.cert, key: conn.key, rejectUnauthorized: !conn.insecure, timeout: timeoutMs},
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => {
          if ((res.statusCode ?? 0) >= 300) reject(new Error(`the server responded with status ${res.statusCode} listing services: ${text.trim().slice(0, 200)}`));
          else resolveBody(text);
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timed out after ${timeoutMs} ms listing services from ${url.origin}`)));
    req.on('error', reject);
    req.end();
  });
  try {
    return ((JSON.parse(body) as {items?: KubeService[]}).items ?? []) as KubeService[];
  } catch (err) {
    throw new Error(`invalid services list from ${url.origin}: ${errorMessage(err)}`);
  }
}

const CALICO_LB_CLASS = 'calico';
const ANNOTATIONS = ['projectcalico.org/ipv4pools', 'projectcalico.org/ipv6pools', 'projectcalico.org/loadBalancerIPs'];

/** kube-controllers' IsCalicoManagedLoadBalancer. */
export function isCalicoManagedLoadBalancer(svc: KubeService, assignIPs: string): boolean {
  if (svc.spec?.type !== 'LoadBalancer') return false;
  const cls = svc.spec.loadBalancerClass;
  if (assignIPs === 'AllServices') return cls === undefined || cls === null || cls === CALICO_LB_CLASS;
  if (assignIPs === 'RequestedServicesOnly') {
    if (cls === CALICO_LB_CLASS) return true;
    if (ANNOTATIONS.some((a) => (svc.metadata?.annotations?.[a] ?? '') !== '')) return cls === undefined || cls === null || cls === CALICO_LB_CLASS;
  }
  return false;
}
