import {Flags} from '@oclif/core';
import {BaseCommand} from '../../base-command.js';
import {configFlag} from '../../lib/ipam/flags.js';

export default class IpamShow extends BaseCommand<typeof IpamShow> {
  static summary = 'Show details of Calico IP address usage.';
  static description =
    'Print information about a given IP address, or about overall IP usage: one row per IP pool, plus one ' +
    'row per allocation block with --show-blocks (blocks outside every pool are listed after the pools). ' +
    'If several selectors are given, the first of --ip, --show-blocks, --show-borrowed, --show-configuration wins.';
  static examples = [
    '<%= config.bin %> ipam show',
    '<%= config.bin %> ipam show --show-blocks',
    '<%= config.bin %> ipam show --ip=10.244.97.5',
    '<%= config.bin %> ipam show --show-borrowed',
    '<%= config.bin %> ipam show --show-configuration',
    '<%= config.bin %> ipam show --show-blocks -o json',
  ];
  static flags = {
    ip: Flags.string({summary: 'Report whether this specific IP address is in use.', helpValue: 'IP'}),
    'show-blocks': Flags.boolean({summary: 'Show detailed information for IP blocks as well as pools.', default: false}),
    'show-borrowed': Flags.boolean({summary: 'Show detailed information for "borrowed" IP addresses.', default: false}),
    'show-configuration': Flags.boolean({summary: 'Show current Calico IPAM configuration.', default: false}),
    output: Flags.string({
      char: 'o',
      summary: 'Output format: table (calicoctl) or json (exact integers, beyond calicoctl).',
      options: ['table', 'json'],
      default: 'table',
    }),
    config: configFlag,
  };
}
