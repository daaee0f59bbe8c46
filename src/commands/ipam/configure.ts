import {Flags} from '@oclif/core';
import {BaseCommand} from '../../base-command.js';
import {configFlag} from '../../lib/ipam/flags.js';

export default class IpamConfigure extends BaseCommand<typeof IpamConfigure> {
  static summary = 'Configure Calico IP address management.';
  static description = 'Modify the global IPAM configuration (etcd key /calico/ipam/v2/config).';
  static examples = [
    '<%= config.bin %> ipam configure --strictaffinity=true',
    '<%= config.bin %> ipam configure --strictaffinity=true --max-blocks-per-host=4',
    '<%= config.bin %> ipam configure --kubevirt-ip-persistence=Disabled',
  ];
  static flags = {
    strictaffinity: Flags.string({summary: 'Set StrictAffinity to true/false. When true, borrowing IP addresses is not allowed.', helpValue: 'true/false'}),
    'max-blocks-per-host': Flags.string({summary: 'Set the maximum number of blocks that can be affine to a host.', helpValue: 'number'}),
    'kubevirt-ip-persistence': Flags.string({
      summary: 'Control whether KubeVirt VMs retain persistent IP addresses across lifecycle events.',
      helpValue: 'Enabled|Disabled',
    }),
    config: configFlag,
  };
}
