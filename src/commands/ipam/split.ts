import {Args, Flags} from '@oclif/core';
import {BaseCommand} from '../../base-command.js';
import {configFlag} from '../../lib/ipam/flags.js';

export default class IpamSplit extends BaseCommand<typeof IpamSplit> {
  static summary = 'Split an IP pool into smaller IP pools.';
  static description =
    'Split the IP pool given by --cidr or --name into NUMBER (a power of 2) equal child pools named ' +
    'split-<pool>-<i>. The datastore must be locked (`datastore migrate lock`).';
  static examples = ['<%= config.bin %> ipam split --cidr=172.0.0.0/8 2', '<%= config.bin %> ipam split --name=pool-a 4'];
  static args = {
    number: Args.string({description: 'Number of child pools (a power of 2).', required: true}),
  };
  static flags = {
    cidr: Flags.string({summary: 'CIDR of the IP pool to split.', helpValue: 'CIDR'}),
    name: Flags.string({summary: 'Name of the IP pool to split.', helpValue: 'POOL_NAME'}),
    config: configFlag,
  };
}
