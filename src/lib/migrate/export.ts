// `calicoctl datastore migrate export`: three sections separated by `===` lines — the v3 resources as
// YAML lists, ClusterInformation as indented JSON, and the IPAM keys as indented JSON
// (calicoctl commands/datastore/migrate/export.go and migrateipam.go).
import type {Datastore} from '../datastore/types.js';
import {CliError, errorMessage} from '../errors.js';
import type {Output} from '../io.js';
import {kindFromCli} from '../registry/index.js';
import type {KindDescriptor} from '../registry/types.js';
import type {CalicoResource} from '../resource.js';
import {type JsonValue, stringifyJson} from '../ipam/json.js';
import {
  AFFINITY_PREFIXES,
  HANDLE_PREFIX,
  IPAM_CONFIG_KEY,
  affinityKey,
  blockHost,
  blockToJson,
  handleToJson,
  ipamConfigToJson,
  parseAffinity,
  parseAffinityKey,
  parseHandle,
  parseIPAMConfig,
} from '../ipam/model.js';
import {listBlocks} from '../ipam/pools.js';
import {LOCK_REQUIRED_FOR_MIGRATION, getClusterInformation, isLocked} from './lock.js';

/** Exported types, in calicoctl's order (tiers before policies, nodes before what references them). */
export const EXPORTED_TYPES = [
  'ippools',
  'bgppeers',
  'tiers',
  'globalnetworkpolicies',
  'stagedglobalnetworkpolicies',
  'globalnetworksets',
  'hostendpoints',
  'kubecontrollersconfigurations',
  'networkpolicies',
  'stagednetworkpolicies',
  'stagedkubernetesnetworkpolicies',
  'networksets',
  'nodes',
  'bgpconfigurations',
  'felixconfigurations',
  'ipreservations',
  'bgpfilters',
] as const;

/** calicoctl passes --all-namespaces only for these; other namespaced kinds export namespace `default` only. */
const ALL_NAMESPACES = new Set(['networkpolicies', 'networksets']);

/** Handle prefixes of calico-node's tunnel addresses, whose suffix is the node name. */
const TUNNEL_HANDLE_PREFIXES = ['ipip-tunnel-addr-', 'vxlan-tunnel-addr-', 'wireguard-tunnel-addr-'];

const FELIX_ACTION_FIELDS = ['defaultEndpointToHostAction', 'iptablesFilterAllowAction', 'iptablesMangleAllowAction', 'iptablesFilterDenyAction'];

const titleCase = (s: string) => s.toLowerCase().replace(/(^|[^\p{L}\p{N}'])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());

function cleanMetadata(r: CalicoResource): void {
  for (const k of ['uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds']) delete r.metadata[k];
}

function renameNodeScoped(r: CalicoResource, nodeMap: Map<string, string>): void {
  const name = r.metadata.name ?? '';
  if (name.startsWith('node.') && nodeMap.has(name.slice(5))) r.metadata.name = `node.${nodeMap.get(name.slice(5))}`;
}

/** Writes the export to `out` section by section (as calicoctl streams it), throwing on the first error. */
export async function exportDatastore(ds: Datastore, out: Output): Promise<void> {
  if (!(await isLocked(ds))) throw new CliError(LOCK_REQUIRED_FOR_MIGRATION);
  const {toGoYaml} = await import('../printers/yaml.js');
  const {toGoOrder} = await import('../codec/go-order.js');

  const nodeMap = new Map<string, string>();
  for (const plural of EXPORTED_TYPES) {
    const kind = kindFromCli(plural) as KindDescriptor;
    const revision = await ds.raw.revision();
    let items: CalicoResource[];
    try {
      items = await ds.list(kind, kind.namespaced && !ALL_NAMESPACES.has(plural) ? 'default' : undefined);
    } catch (err) {
      throw new CliError(errorMessage(err));
    }
    items.forEach(cleanMetadata);
    if (plural === 'networkpolicies') items = items.filter((p) => !(p.metadata.name ?? '').startsWith('knp.default.'));
    if (plural === 'nodes') {
      for (const node of items) {
        const refs: {orchestrator?: string; nodeName?: string}[] = node.spec?.orchRefs ?? [];
        const k8sName = refs.filter((r) => r.orchestrator === 'k8s').map((r) => r.nodeName ?? '').pop() ?? '';
        if (k8sName === '') {
          throw new CliError(
            `unable to process metadata for export for Node resource: node ${node.metadata.name} missing a 'k8s' orchestrator reference. ` +
              "Unable to export data unless every node has a 'k8s' orchestrator reference",
          );
        }
        nodeMap.set(node.metadata.name ?? '', k8sName);
        node.metadata.name = k8sName;
      }
    }
    if (plural === 'felixconfigurations') {
      for (const fc of items) {
        renameNodeScoped(fc, nodeMap);
        for (const f of FELIX_ACTION_FIELDS) if (typeof fc.spec?.[f] === 'string' && fc.spec[f] !== '') fc.spec[f] = titleCase(fc.spec[f]);
      }
    }
    if (plural === 'bgpconfigurations') items.forEach((c) => renameNodeScoped(c, nodeMap));
    const list = {apiVersion: 'projectcalico.org/v3', items: items.map((i) => toGoOrder(i)), kind: kind.listKind, metadata: {resourceVersion: revision}};
    out.out(toGoYaml(list) + '---\n');
  }

  out.out('===\n');
  let ci: CalicoResource;
  try {
    ci = await getClusterInformation(ds);
  } catch (err) {
    throw new CliError(errorMessage(err));
  }
  const {goJson} = await import('../codec/go-order.js');
  out.out(goJson(toGoOrder(ci), 2) + '\n');
  out.out('===\n');
  out.out(stringifyJson(await exportIPAM(ds, nodeMap), '  ') + '\n');
}

const remapTunnelHandle = (id: string, nodeMap: Map<string, string>) => {
  for (const p of TUNNEL_HANDLE_PREFIXES) {
    if (id.startsWith(p) && nodeMap.has(id.slice(p.length))) return p + nodeMap.get(id.slice(p.length));
  }
  return id;
};

/** The IPAM section: MigrateIPAM's JSON (empty lists omitted), node names remapped to Kubernetes names. */
export async function exportIPAM(ds: Datastore, nodeMap: Map<string, string>): Promise<JsonValue> {
  const blocks: JsonValue[] = [];
  for (const {kv, block} of await listBlocks(ds.raw)) {
    for (const attr of block.attributes ?? []) {
      const node = attr.activeOwnerAttrs?.node;
      if (attr.activeOwnerAttrs && node !== undefined && nodeMap.has(node)) attr.activeOwnerAttrs.node = nodeMap.get(node)!;
      const alt = attr.alternateOwnerAttrs?.node;
      if (attr.alternateOwnerAttrs && alt !== undefined && nodeMap.has(alt)) attr.alternateOwnerAttrs.node = nodeMap.get(alt)!;
      if (attr.handleId !== undefined) attr.handleId = remapTunnelHandle(attr.handleId, nodeMap);
    }
    const host = blockHost(block);
    if (nodeMap.has(host)) block.affinity = `host:${nodeMap.get(host)}`;
    blocks.push({Key: kv.key, Value: blockToJson(block), TTL: 0});
  }
  // calicoctl lists host affinities only (BlockAffinityListOptions defaults to `host`).
  const affinities: JsonValue[] = [];
  for (const kv of await ds.raw.list(AFFINITY_PREFIXES[0])) {
    const parts = parseAffinityKey(kv.key);
    if (!parts) continue;
    const host = nodeMap.get(parts.host) ?? parts.host;
    let value;
    try {
      value = parseAffinity(kv.value);
    } catch {
      continue;
    }
    affinities.push({Key: affinityKey(parts.type, host, parts.cidr), Value: {state: value.state, deleted: value.deleted}, TTL: 0});
  }
  const handles: JsonValue[] = [];
  for (const kv of await ds.raw.list(HANDLE_PREFIX)) {
    const id = kv.key.slice(HANDLE_PREFIX.length);
    if (id === '' || id.includes('/')) continue;
    let value;
    try {
      value = parseHandle(kv.value);
    } catch {
      continue;
    }
    handles.push({Key: HANDLE_PREFIX + remapTunnelHandle(id, nodeMap), Value: handleToJson(value), TTL: 0});
  }
  const configKV = await ds.raw.get(IPAM_CONFIG_KEY);
  const result: {[k: string]: JsonValue} = {};
  if (affinities.length) result.block_affinities = affinities;
  if (blocks.length) result.blocks = blocks;
  if (handles.length) result.handles = handles;
  if (configKV) result.config = {Key: IPAM_CONFIG_KEY, Value: ipamConfigToJson(parseIPAMConfig(configKV.value)), TTL: 0};
  return result;
}
