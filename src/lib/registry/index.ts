// The one registry of resource kinds: every generic command looks kinds up here.
import type {KindDescriptor} from './types.js';
import {BGPConfigurationKind} from './kinds/bgpconfiguration.js';
import {BGPFilterKind} from './kinds/bgpfilter.js';
import {BGPPeerKind} from './kinds/bgppeer.js';
import {CalicoNodeStatusKind} from './kinds/caliconodestatus.js';
import {ClusterInformationKind} from './kinds/clusterinformation.js';
import {FelixConfigurationKind} from './kinds/felixconfiguration.js';
import {GlobalNetworkPolicyKind} from './kinds/globalnetworkpolicy.js';
import {GlobalNetworkSetKind} from './kinds/globalnetworkset.js';
import {HostEndpointKind} from './kinds/hostendpoint.js';
import {IPAMConfigurationKind} from './kinds/ipamconfiguration.js';
import {IPPoolKind} from './kinds/ippool.js';
import {IPReservationKind} from './kinds/ipreservation.js';
import {KubeControllersConfigurationKind} from './kinds/kubecontrollersconfiguration.js';
import {NetworkPolicyKind} from './kinds/networkpolicy.js';
import {NetworkSetKind} from './kinds/networkset.js';
import {NodeKind} from './kinds/node.js';
import {ProfileKind} from './kinds/profile.js';
import {StagedGlobalNetworkPolicyKind} from './kinds/stagedglobalnetworkpolicy.js';
import {StagedKubernetesNetworkPolicyKind} from './kinds/stagedkubernetesnetworkpolicy.js';
import {StagedNetworkPolicyKind} from './kinds/stagednetworkpolicy.js';
import {TierKind} from './kinds/tier.js';
import {WorkloadEndpointKind} from './kinds/workloadendpoint.js';

export * from './types.js';

/** All kinds, sorted by CamelCase name (the order calicoctl lists them in help). */
export const ALL_KINDS: readonly KindDescriptor[] = [
  BGPConfigurationKind,
  BGPFilterKind,
  BGPPeerKind,
  CalicoNodeStatusKind,
  ClusterInformationKind,
  FelixConfigurationKind,
  GlobalNetworkPolicyKind,
  GlobalNetworkSetKind,
  HostEndpointKind,
  IPAMConfigurationKind,
  IPPoolKind,
  IPReservationKind,
  KubeControllersConfigurationKind,
  NetworkPolicyKind,
  NetworkSetKind,
  NodeKind,
  ProfileKind,
  StagedGlobalNetworkPolicyKind,
  StagedKubernetesNetworkPolicyKind,
  StagedNetworkPolicyKind,
  TierKind,
  WorkloadEndpointKind,
];

const byAlias = new Map<string, KindDescriptor>();
const byKind = new Map<string, KindDescriptor>();
for (const d of ALL_KINDS) {
  byKind.set(d.kind, d);
  for (const a of d.aliases) byAlias.set(a, d);
}

/** Looks up a KIND typed on the command line (case-insensitive, calicoctl's alias set only). */
export function kindFromCli(name: string): KindDescriptor | undefined {
  return byAlias.get(name.toLowerCase());
}

/** Looks up the exact CamelCase kind used in manifests (case-sensitive, as calicoctl). */
export function kindFromManifest(kind: string): KindDescriptor | undefined {
  return byKind.get(kind);
}

/** Looks up a `<Kind>List` kind. */
export function kindFromListKind(listKind: string): KindDescriptor | undefined {
  return listKind.endsWith('List') ? byKind.get(listKind.slice(0, -4)) : undefined;
}
