// `datastore migrate import` into an etcd datastore (calicoctl only imports into Kubernetes): restores an
// export into an empty etcd, so export + import is a backup/restore between etcd clusters. Everything is
// parsed and checked before the first write; the datastore is locked first (ClusterInformation with
// datastoreReady false); any failure rolls back every key written, restoring the previous values.
import type {Datastore, KeyValue} from '../datastore/types.js';
import {CliError, errorMessage} from '../errors.js';
import {ALL_KINDS, kindFromManifest} from '../registry/index.js';
import {ClusterInformationKind} from '../registry/kinds/clusterinformation.js';
import {API_VERSION} from '../registry/types.js';
import type {CalicoResource} from '../resource.js';
import {type JsonValue, isJsonObject, parseJson, stringifyJson} from '../ipam/json.js';
import {EXPORTED_TYPES} from './export.js';
import {
  HANDLE_PREFIX,
  IPAM_CONFIG_KEY,
  cidrFromBlockKey,
  parseAffinity,
  parseAffinityKey,
  parseBlock,
  parseHandle,
  parseIPAMConfig,
  serializeAffinity,
  serializeBlock,
  serializeHandle,
  serializeIPAMConfig,
} from '../ipam/model.js';

export interface ImportOptions {
  /** Shown in the "improperly formatted" message (calicoctl shows /dev/stdin for `-`). */
  filename: string;
  /** Import into a datastore that already holds Calico data (existing keys are overwritten). */
  force: boolean;
}

interface IPAMEntry {
  key: string;
  value: string;
}

interface ParsedExport {
  resources: CalicoResource[];
  clusterInformation: CalicoResource;
  ipam: IPAMEntry[];
}

/** Keys written per etcd transaction (etcd's default limit is 128 operations). */
const TXN_BATCH = 100;

function improperlyFormatted(filename: string): CliError {
  return new CliError(`error while reading migration file: imported file: ${filename} is improperly formatted. Try recreating with 'calicoctl export'`);
}

/** Parses and validates the three sections; nothing is written yet. */
export async function parseExport(text: string, filename: string): Promise<ParsedExport> {
  const parts = text.split('===\n');
  if (parts.length !== 3) throw improperlyFormatted(filename);
  const yaml = (await import('js-yaml')).default;
  const resources: CalicoResource[] = [];
  try {
    // CORE_SCHEMA: timestamps and other strings stay strings.
    for (const doc of yaml.loadAll(parts[0], undefined, {schema: yaml.CORE_SCHEMA})) {
      if (doc === null || doc === undefined) continue;
      const d = doc as CalicoResource & {items?: CalicoResource[]};
      for (const item of Array.isArray(d.items) ? d.items : [d]) {
        if (!isJsonObject(item as unknown as JsonValue) || item.apiVersion !== API_VERSION || !kindFromManifest(item.kind)) {
          throw new Error(`unknown resource type (${item?.kind}) and/or version (${item?.apiVersion})`);
        }
        resources.push(item);
      }
    }
  } catch (err) {
    throw new CliError(`failed to import v3 resources: ${errorMessage(err)}`);
  }

  let clusterInformation: CalicoResource;
  try {
    clusterInformation = JSON.parse(parts[1]) as CalicoResource;
    if (clusterInformation?.kind !== 'ClusterInformation') throw new Error(`expected a ClusterInformation, got ${clusterInformation?.kind}`);
  } catch (err) {
    throw new CliError(`failed to update cluster information: error reading exported cluster info for migration: ${errorMessage(err)}`);
  }

  const ipam: IPAMEntry[] = [];
  try {
    const v = parseJson(parts[2]);
    if (!isJsonObject(v)) throw new Error('expected a JSON object');
    const entries = (name: string): {[k: string]: JsonValue | undefined}[] => {
      const list = v[name];
      if (list === undefined || list === null) return [];
      if (!Array.isArray(list)) throw new Error(`${name} is not a list`);
      return list.map((e) => {
        if (!isJsonObject(e) || typeof e.Key !== 'string' || !isJsonObject(e.Value)) throw new Error(`malformed ${name} entry`);
        return e;
      });
    };
    for (const e of entries('block_affinities')) {
      const key = e.Key as string;
      if (!parseAffinityKey(key)) throw new Error(`invalid block affinity key ${key}`);
      ipam.push({key, value: serializeAffinity(parseAffinity(stringifyJson(e.Value as JsonValue)))});
    }
    for (const e of entries('blocks')) {
      const key = e.Key as string;
      const cidr = cidrFromBlockKey(key);
      if (!cidr) throw new Error(`invalid block key ${key}`);
      ipam.push({key, value: serializeBlock(parseBlock(stringifyJson(e.Value as JsonValue), cidr))});
    }
    for (const e of entries('handles')) {
      const key = e.Key as string;
      if (!key.startsWith(HANDLE_PREFIX) || key.length === HANDLE_PREFIX.length) throw new Error(`invalid handle key ${key}`);
      ipam.push({key, value: serializeHandle(parseHandle(stringifyJson(e.Value as JsonValue)))});
    }
    if (v.config !== undefined && v.config !== null) {
      const c = v.config;
      if (!isJsonObject(c) || c.Key !== IPAM_CONFIG_KEY || !isJsonObject(c.Value)) throw new Error('malformed config entry');
      ipam.push({key: IPAM_CONFIG_KEY, value: serializeIPAMConfig(parseIPAMConfig(stringifyJson(c.Value)))});
    }
  } catch (err) {
    throw new CliError(`failed to read IPAM resources: ${errorMessage(err)}`);
  }
  return {resources, clusterInformation, ipam};
}

/** What calicoctl's check would report first: a resource type in export order, then IPAM, then any key. */
function describeExisting(existing: readonly KeyValue[]): string {
  for (const plural of EXPORTED_TYPES) {
    if (existing.some((kv) => kv.key.startsWith(`/calico/resources/v3/projectcalico.org/${plural}/`))) {
      return `found existing Calico ${ALL_KINDS.find((k) => k.plural === plural)?.kind ?? plural} resource`;
    }
  }
  if (existing.some((kv) => kv.key.startsWith('/calico/ipam/'))) return 'found existing IPAM resources';
  return `found existing key ${existing[0].key}`;
}

/**
 * Writes the journal-backed import. Returns the stdout text (printed only once everything is committed).
 */
export async function importDatastore(ds: Datastore, text: string, opts: ImportOptions): Promise<string> {
  const parsed = await parseExport(text, opts.filename);
  const existing = await ds.raw.list('/calico/');
  if (existing.length > 0 && !opts.force) {
    throw new CliError(
      `datastore already has Calico resources: ${describeExisting(existing)}. ` +
        'Import needs an empty datastore; use --force to import over existing data',
    );
  }
  const {resourceKeyPath} = await import('../codec/keys.js');
  const {encodeResource} = await import('../codec/storage.js');
  const before = new Map(existing.map((kv) => [kv.key, kv]));
  /** Keys written so far, with what they held before (undefined = absent). */
  const journal: {key: string; previous?: KeyValue}[] = [];
  const remember = (key: string) => journal.push({key, previous: before.get(key)});

  const rollback = async (): Promise<string | undefined> => {
    try {
      for (let i = journal.length - 1; i >= 0; i -= TXN_BATCH) {
        const batch = journal.slice(Math.max(0, i - TXN_BATCH + 1), i + 1).reverse();
        await ds.raw.txn(batch.map((j) => (j.previous ? {op: 'put' as const, key: j.key, value: j.previous.value} : {op: 'delete' as const, key: j.key})));
      }
      return undefined;
    } catch (err) {
      return errorMessage(err);
    }
  };

  const fail = async (message: string): Promise<never> => {
    const rollbackError = await rollback();
    throw new CliError(
      rollbackError
        ? `${message}\nrollback failed, the datastore may hold part of the import: ${rollbackError}`
        : `${message}\nimport rolled back: the datastore is as it was before`,
    );
  };

  // 1. Lock: ClusterInformation first, with datastoreReady false, so nothing acts on half-imported data.
  const ciKey = resourceKeyPath(ClusterInformationKind, 'default');
  const exportedCI = parsed.clusterInformation;
  const currentCI = before.get(ciKey);
  let ci: CalicoResource;
  if (currentCI) {
    ci = await ds.get({kind: ClusterInformationKind, name: 'default'});
    ci.spec = {...(ci.spec ?? {}), clusterGUID: exportedCI.spec?.clusterGUID, calicoVersion: exportedCI.spec?.calicoVersion, datastoreReady: false};
    if (!ci.spec.calicoVersion) delete ci.spec.calicoVersion;
  } else {
    ci = {...exportedCI, metadata: {...exportedCI.metadata}, spec: {...(exportedCI.spec ?? {}), datastoreReady: false}};
  }
  const ciOk = await ds.raw.txn([
    currentCI
      ? {op: 'put', key: ciKey, value: encodeResource(ci), expectModRevision: currentCI.modRevision}
      : {op: 'put', key: ciKey, value: encodeResource(ci), expectAbsent: true},
  ]);
  if (!ciOk) throw new CliError('error while attempting to lock the datastore for import: update conflict: ClusterInformation(default)');
  remember(ciKey);

  // 2. v3 resources with the datastore's create semantics (defaults, tier checks), one batch per kind run so
  // earlier kinds (tiers) exist before later ones (policies) are checked.
  const kinds = new Set<string>();
  let applied = 0;
  const pending = parsed.resources.filter((r) => r.kind !== 'ClusterInformation');
  for (let i = 0; i < pending.length; ) {
    let j = i;
    while (j < pending.length && pending[j].kind === pending[i].kind) j++;
    const kind = kindFromManifest(pending[i].kind)!;
    const group = pending.slice(i, j).map((r) => {
      const namespace = kind.namespaced ? (r.metadata?.namespace ?? 'default') : undefined;
      const resource: CalicoResource = {...r, metadata: {...(r.metadata ?? {}), ...(namespace ? {namespace} : {})}};
      delete resource.metadata.resourceVersion;
      return {resource, namespace, key: resourceKeyPath(kind, resource.metadata.name ?? '', namespace)};
    });
    i = j;
    let results: Array<CalicoResource | Error>;
    try {
      const existing = group.filter((g) => before.has(g.key));
      const stored = existing.length ? await ds.getMany(existing.map((g) => ({kind, name: g.resource.metadata.name ?? '', namespace: g.namespace}))) : [];
      const storedByKey = new Map(existing.map((g, k) => [g.key, stored[k]]));
      results = await ds.writeMany(
        group.map((g) => {
          const old = storedByKey.get(g.key);
          if (!old) return {op: 'create' as const, resource: g.resource};
          const {uid, creationTimestamp, resourceVersion} = old.metadata;
          return {op: 'update' as const, resource: {...g.resource, metadata: {...g.resource.metadata, uid, creationTimestamp, resourceVersion}}};
        }),
      );
    } catch (err) {
      return fail(`failed to import v3 resources: ${errorMessage(err)}`);
    }
    let firstError: Error | undefined;
    results.forEach((res, k) => {
      if (res instanceof Error) firstError ??= res;
      else {
        remember(group[k].key);
        applied++;
      }
    });
    if (firstError) return fail(`failed to import v3 resources: ${firstError.message}`);
    kinds.add(kind.kind);
  }

  // 3. IPAM keys, verbatim (sequence numbers kept digit for digit), compare-and-swap in batches.
  for (let i = 0; i < parsed.ipam.length; i += TXN_BATCH) {
    const batch = parsed.ipam.slice(i, i + TXN_BATCH);
    let ok: boolean;
    try {
      ok = await ds.raw.txn(
        batch.map((e) => {
          const prior = before.get(e.key);
          return prior ? {op: 'put' as const, key: e.key, value: e.value, expectModRevision: prior.modRevision} : {op: 'put' as const, key: e.key, value: e.value, expectAbsent: true};
        }),
      );
    } catch (err) {
      return fail(`failed to import any IPAM resources: ${errorMessage(err)}`);
    }
    if (!ok) return fail('failed to import any IPAM resources: the datastore changed during the import');
    batch.forEach((e) => remember(e.key));
  }

  let out = '';
  if (applied > 0) {
    out += kinds.size === 1 ? `Successfully applied ${applied} '${[...kinds][0]}' resource(s)\n` : `Successfully applied ${applied} resource(s)\n`;
  }
  out += 'Importing IPAM resources\n';
  out += parsed.ipam.length > 0 ? `Successfully applied ${parsed.ipam.length} IPAM resource(s)\n` : 'No IPAM resources specified in file\n';
  out += 'Datastore information successfully imported. Please refer to the datastore migration documentation for next steps.\n';
  return out;
}
