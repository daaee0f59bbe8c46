import {Flags} from '@oclif/core';
import {BaseCommand} from '../../base-command.js';
import {configFlag} from '../../lib/ipam/flags.js';

export default class IpamCheck extends BaseCommand<typeof IpamCheck> {
  static summary = 'Check the integrity of the IPAM datastructures.';
  static description =
    'Compare IPAM allocations with the addresses nodes (tunnel addresses) and workload endpoints use, and report ' +
    'leaked allocations, unallocated in-use addresses and orphaned handles. With -o, write the report that ' +
    '`ipam release --from-report` reads. Calico-managed LoadBalancer service IPs are read from the Kubernetes ' +
    'API when a kubeconfig is given (--kubeconfig or KUBECONFIG); without one that check is skipped.';
  static examples = [
    '<%= config.bin %> ipam check',
    '<%= config.bin %> ipam check --show-problem-ips -o report.json',
  ];
  static flags = {
    output: Flags.string({char: 'o', summary: 'Path to output report file.', helpValue: 'FILE'}),
    'show-all-ips': Flags.boolean({summary: 'Print all IPs that are checked.', default: false}),
    'show-problem-ips': Flags.boolean({summary: 'Print all IPs that are leaked or not allocated properly.', default: false}),
    kubeconfig: Flags.string({summary: 'Path to Kubeconfig file (for the service load-balancer check).', helpValue: 'KUBECONFIG'}),
    config: configFlag,
  };
}
