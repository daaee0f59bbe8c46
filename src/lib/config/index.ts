// Client configuration as calicoctl loads it (calicoctl.cfg or the environment, never both).
// Only the etcdv3 datastore is supported; the kubernetes fields are parsed so valid files still load.
import {readFileSync, statSync} from 'node:fs';
import {CliError} from '../errors.js';

export const DEFAULT_CONFIG_PATH = '/etc/calico/calicoctl.cfg';

/** The `spec` of a CalicoAPIConfig, JSON field names as in calicoctl.cfg. */
export interface CalicoAPIConfigSpec {
  datastoreType: string;
  etcdEndpoints: string;
  etcdDiscoverySrv: string;
  etcdUsername: string;
  etcdPassword: string;
  etcdKeyFile: string;
  etcdCertFile: string;
  etcdCACertFile: string;
  /** Inline PEM (file only, no environment variable). */
  etcdKey: string;
  etcdCert: string;
  etcdCACert: string;
  [k8sField: string]: unknown;
}

interface FieldDef {
  type: 'string' | 'bool' | 'number';
  /** Environment variable without the CALICO_ prefix; absent = file only. */
  env?: string;
}

// Every field of calicoctl's CalicoAPIConfigSpec, so strict parsing accepts exactly what calicoctl accepts.
const SPEC_FIELDS: Record<string, FieldDef> = {
  datastoreType: {type: 'string', env: 'DATASTORE_TYPE'},
  etcdEndpoints: {type: 'string', env: 'ETCD_ENDPOINTS'},
  etcdDiscoverySrv: {type: 'string', env: 'ETCD_DISCOVERY_SRV'},
  etcdUsername: {type: 'string', env: 'ETCD_USERNAME'},
  etcdPassword: {type: 'string', env: 'ETCD_PASSWORD'},
  etcdKeyFile: {type: 'string', env: 'ETCD_KEY_FILE'},
  etcdCertFile: {type: 'string', env: 'ETCD_CERT_FILE'},
  etcdCACertFile: {type: 'string', env: 'ETCD_CA_CERT_FILE'},
  etcdKey: {type: 'string'},
  etcdCert: {type: 'string'},
  etcdCACert: {type: 'string'},
  kubeconfig: {type: 'string', env: 'KUBECONFIG'},
  k8sAPIEndpoint: {type: 'string', env: 'K8S_API_ENDPOINT'},
  k8sKeyFile: {type: 'string', env: 'K8S_KEY_FILE'},
  k8sCertFile: {type: 'string', env: 'K8S_CERT_FILE'},
  k8sCAFile: {type: 'string', env: 'K8S_CA_FILE'},
  // calicoctl's struct tag for this one is misspelt, so envconfig reads K8SAPITOKEN.
  k8sAPIToken: {type: 'string', env: 'K8SAPITOKEN'},
  k8sInsecureSkipTLSVerify: {type: 'bool', env: 'K8S_INSECURE_SKIP_TLS_VERIFY'},
  k8sDisableNodePoll: {type: 'bool', env: 'K8S_DISABLE_NODE_POLL'},
  usePodCIDR: {type: 'bool', env: 'USE_POD_CIDR'},
  kubeconfigInline: {type: 'string'},
  k8sClientQPS: {type: 'number', env: 'K8S_CLIENT_QPS'},
  k8sClientBurst: {type: 'number', env: 'K8S_CLIENT_BURST'},
  k8sCurrentContext: {type: 'string', env: 'K8S_CURRENT_CONTEXT'},
  calicoAPIGroup: {type: 'string', env: 'CALICO_API_GROUP'},
};

const META_FIELDS = new Set([
  'name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp',
  'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields',
]);

function emptySpec(): CalicoAPIConfigSpec {
  const spec: Record<string, unknown> = {};
  for (const [name, def] of Object.entries(SPEC_FIELDS)) spec[name] = def.type === 'string' ? '' : def.type === 'bool' ? false : 0;
  return spec as CalicoAPIConfigSpec;
}

/** Go's "unknown field" wording, so the message reads like calicoctl's. */
function unknownField(name: string): Error {
  return new Error(`error unmarshaling JSON: while decoding JSON: json: unknown field "${name}"`);
}

/** Parses calicoctl.cfg content (YAML or JSON) strictly, as calicoctl does. */
export async function parseConfig(text: string): Promise<CalicoAPIConfigSpec> {
  let doc: unknown;
  try {
    const yaml = await import('js-yaml');
    doc = yaml.load(text, {schema: yaml.JSON_SCHEMA}) ?? {};
  } catch (err) {
    throw new Error(`failed to parse config as YAML/JSON: ${(err as Error).message.split('\n')[0]}`);
  }
  const wrap = (e: Error) => new Error(`failed to parse config as YAML/JSON: ${e.message}`);
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw wrap(new Error('error unmarshaling JSON: while decoding JSON: json: cannot unmarshal into Go value of type apiconfig.CalicoAPIConfig'));
  }
  const top = doc as Record<string, unknown>;
  for (const k of Object.keys(top)) if (!['apiVersion', 'kind', 'metadata', 'spec'].includes(k)) throw wrap(unknownField(k));
  const meta = (top.metadata ?? {}) as Record<string, unknown>;
  if (typeof meta === 'object' && meta) for (const k of Object.keys(meta)) if (!META_FIELDS.has(k)) throw wrap(unknownField(k));
  const spec = emptySpec();
  const rawSpec = (top.spec ?? {}) as Record<string, unknown>;
  if (typeof rawSpec !== 'object' || Array.isArray(rawSpec)) throw wrap(new Error('error unmarshaling JSON: while decoding JSON: json: cannot unmarshal into Go struct field CalicoAPIConfig.spec'));
  for (const [k, v] of Object.entries(rawSpec)) {
    const def = SPEC_FIELDS[k];
    if (!def) throw wrap(unknownField(k));
    if (v === null) continue;
    const ok = def.type === 'string' ? typeof v === 'string' : def.type === 'bool' ? typeof v === 'boolean' : typeof v === 'number';
    if (!ok) {
      const goType = def.type === 'bool' ? 'bool' : def.type === 'number' ? 'number' : 'string';
      throw wrap(new Error(`error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${typeof v} into Go struct field CalicoAPIConfigSpec.spec.${k} of type ${goType}`));
    }
    (spec as Record<string, unknown>)[k] = v;
  }
  const apiVersion = typeof top.apiVersion === 'string' ? top.apiVersion : '';
  const kind = typeof top.kind === 'string' ? top.kind : '';
  if (apiVersion !== 'projectcalico.org/v3') throw new Error(`invalid config file: unknown APIVersion '${apiVersion}'`);
  if (kind !== 'CalicoAPIConfig') throw new Error(`invalid config file: expected kind 'CalicoAPIConfig', got '${kind}'`);
  return applyDefaults(spec);
}

/** Reads the spec from the environment: `CALICO_<VAR>` wins over `<VAR>`. */
export function configFromEnvironment(env: NodeJS.ProcessEnv = process.env): CalicoAPIConfigSpec {
  const spec = emptySpec() as Record<string, unknown>;
  for (const [name, def] of Object.entries(SPEC_FIELDS)) {
    if (!def.env) continue;
    const raw = env[`CALICO_${def.env}`] ?? env[def.env];
    if (raw === undefined) continue;
    if (def.type === 'string') spec[name] = raw;
    else if (def.type === 'bool') spec[name] = /^(1|t|true)$/i.test(raw);
    else spec[name] = Number(raw) || 0;
  }
  return applyDefaults(spec as CalicoAPIConfigSpec);
}

function applyDefaults(spec: CalicoAPIConfigSpec): CalicoAPIConfigSpec {
  if (!spec.datastoreType) spec.datastoreType = spec.etcdEndpoints ? 'etcdv3' : 'kubernetes';
  return spec;
}

/**
 * Loads the configuration calicoctl's way: the file if it exists, else (only for the default path) the
 * environment. A missing non-default file ends the command with calicoctl's stdout message.
 * Other problems are thrown as plain Errors; callers print them as `Failed to create Calico API client: ...`.
 */
export async function loadClientConfig(configPath: string = DEFAULT_CONFIG_PATH): Promise<CalicoAPIConfigSpec> {
  let exists = true;
  try {
    statSync(configPath);
  } catch {
    exists = false;
  }
  if (!exists) {
    if (configPath !== DEFAULT_CONFIG_PATH) throw new CliError(`Error reading config file: ${configPath}`, {stream: 'stdout'});
    return configFromEnvironment();
  }
  let text: string;
  try {
    text = readFileSync(configPath, 'utf8');
  } catch (err) {
    throw new Error(`open ${configPath}: ${(err as NodeJS.ErrnoException).code === 'EISDIR' ? 'is a directory' : (err as Error).message}`);
  }
  try {
    return await parseConfig(text);
  } catch (err) {
    throw new Error(`syntax error in ${configPath}: ${(err as Error).message}`);
  }
}

/** Default bound on every etcd request; override with CALICOCTL_TIMEOUT (e.g. `5s`, `500ms`, `2`). */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** Parses a Go-style duration or plain seconds; undefined when malformed. */
export function parseDurationMs(text: string): number | undefined {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t) * 1000;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
  let total = 0;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = re.exec(t))) {
    total += Number(m[1]) * {ms: 1, s: 1000, m: 60_000, h: 3_600_000}[m[2] as 'ms' | 's' | 'm' | 'h'];
    consumed = re.lastIndex;
  }
  return consumed === t.length && consumed > 0 ? total : undefined;
}

/** The request timeout from the environment (CALICOCTL_TIMEOUT, then CALICO_ETCD_TIMEOUT), else the default. */
export function requestTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  for (const name of ['CALICOCTL_TIMEOUT', 'CALICO_ETCD_TIMEOUT']) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const ms = parseDurationMs(raw);
    if (ms === undefined || ms <= 0) throw new Error(`invalid ${name} value: ${raw} (expected a duration such as 10s or 500ms)`);
    return ms;
  }
  return DEFAULT_TIMEOUT_MS;
}
