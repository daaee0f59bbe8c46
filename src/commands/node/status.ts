import {Flags} from '@oclif/core';
import {BaseCommand} from '../../base-command.js';

export default class NodeStatus extends BaseCommand<typeof NodeStatus> {
  static summary = 'Check the status of the Calico node instance.';
  static description =
    'Shows whether Felix runs and the state of every Calico BGP peer of the BIRD daemons on this host, read ' +
    'from their control sockets (BIRD 1.6 bird/bird6, or one BIRD 2 daemon for both families). Requires root.\n\n' +
    'Exit codes: 0 and 1 as calicoctl. With --check: 0 when every Calico peer is Established, 2 when one is ' +
    'not, 1 on errors.';
  static examples = [
    '<%= config.bin %> node status',
    '<%= config.bin %> node status -o json',
    '<%= config.bin %> node status --check',
    '<%= config.bin %> node status --bird-socket /run/bird/bird.ctl --bird6-socket /run/bird/bird6.ctl',
  ];
  static flags = {
    'bird-socket': Flags.string({
      summary: 'Path of the IPv4 BIRD control socket (env CALICO_BIRD_SOCKET).',
      description: 'Default: /var/run/calico/bird.ctl, then /var/run/bird/bird.ctl. A BIRD 2 daemon answers for both families.',
      helpValue: 'PATH',
    }),
    'bird6-socket': Flags.string({
      summary: 'Path of the IPv6 BIRD control socket (env CALICO_BIRD6_SOCKET).',
      description: 'Default: /var/run/calico/bird6.ctl, then /var/run/bird/bird6.ctl.',
      helpValue: 'PATH',
    }),
    output: Flags.string({
      char: 'o',
      summary: 'Output format: table (calicoctl) or json (one record per peer).',
      options: ['table', 'json'],
      default: 'table',
    }),
    check: Flags.boolean({
      summary: 'Exit 2 if any Calico BGP peer is not Established, 0 if all are, 1 on errors.',
      default: false,
    }),
  };
}
