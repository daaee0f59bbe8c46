import {BaseCommand} from '../../../base-command.js';
import {configFlag} from '../../../lib/ipam/flags.js';

export default class DatastoreMigrateExport extends BaseCommand<typeof DatastoreMigrateExport> {
  static summary = 'Export the contents of the etcdv3 datastore.';
  static description =
    'Write the datastore to stdout in calicoctl\'s three-section format: v3 resources as YAML lists, ' +
    'ClusterInformation as JSON, and IPAM data as JSON. The datastore must be locked. Exported: IPPools, ' +
    'BGPPeers, Tiers, GlobalNetworkPolicies, StagedGlobalNetworkPolicies, GlobalNetworkSets, HostEndpoints, ' +
    'KubeControllersConfigurations, NetworkPolicies, StagedNetworkPolicies, StagedKubernetesNetworkPolicies, ' +
    'NetworkSets, Nodes, BGPConfigurations, FelixConfigurations, IPReservations, BGPFilters. Not exported: ' +
    'WorkloadEndpoints, Profiles.';
  static examples = ['<%= config.bin %> datastore migrate export > etcd-data'];
  static flags = {config: configFlag};
}
