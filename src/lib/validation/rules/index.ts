// Semantic rules per kind (one module per kind).
import type {SemanticRule} from '../types.js';
import {rules as bgpconfiguration} from './bgpconfiguration.js';
import {rules as bgpfilter} from './bgpfilter.js';
import {rules as bgppeer} from './bgppeer.js';
import {rules as caliconodestatus} from './caliconodestatus.js';
import {rules as clusterinformation} from './clusterinformation.js';
import {rules as felixconfiguration} from './felixconfiguration.js';
import {rules as globalnetworkpolicy} from './globalnetworkpolicy.js';
import {rules as globalnetworkset} from './globalnetworkset.js';
import {rules as hostendpoint} from './hostendpoint.js';
import {rules as ipamconfiguration} from './ipamconfiguration.js';
import {rules as ippool} from './ippool.js';
import {rules as ipreservation} from './ipreservation.js';
import {rules as kubecontrollersconfiguration} from './kubecontrollersconfiguration.js';
import {rules as networkpolicy} from './networkpolicy.js';
import {rules as networkset} from './networkset.js';
import {rules as node} from './node.js';
import {rules as profile} from './profile.js';
import {rules as stagedglobalnetworkpolicy} from './stagedglobalnetworkpolicy.js';
import {rules as stagedkubernetesnetworkpolicy} from './stagedkubernetesnetworkpolicy.js';
import {rules as stagednetworkpolicy} from './stagednetworkpolicy.js';
import {rules as tier} from './tier.js';
import {rules as workloadendpoint} from './workloadendpoint.js';

export const RULES_BY_KIND: Record<string, SemanticRule> = {
  BGPConfiguration: bgpconfiguration,
  BGPFilter: bgpfilter,
  BGPPeer: bgppeer,
  CalicoNodeStatus: caliconodestatus,
  ClusterInformation: clusterinformation,
  FelixConfiguration: felixconfiguration,
  GlobalNetworkPolicy: globalnetworkpolicy,
  GlobalNetworkSet: globalnetworkset,
  HostEndpoint: hostendpoint,
  IPAMConfiguration: ipamconfiguration,
  IPPool: ippool,
  IPReservation: ipreservation,
  KubeControllersConfiguration: kubecontrollersconfiguration,
  NetworkPolicy: networkpolicy,
  NetworkSet: networkset,
  Node: node,
  Profile: profile,
  StagedGlobalNetworkPolicy: stagedglobalnetworkpolicy,
  StagedKubernetesNetworkPolicy: stagedkubernetesnetworkpolicy,
  StagedNetworkPolicy: stagednetworkpolicy,
  Tier: tier,
  WorkloadEndpoint: workloadendpoint,
};
