import {Flags} from '@oclif/core';
import {BaseCommand} from '../../base-command.js';

export default class NodeDiags extends BaseCommand<typeof NodeDiags> {
  static summary = 'Gather a diagnostics bundle for a Calico node.';
  static description =
    'Collects routes, interfaces, nftables/iptables rules, ipsets, BIRD protocol state, the calico-node journal ' +
    'and Calico logs into diags-<timestamp>.tar.gz in a new temporary directory. Missing tools are reported ' +
    'and skipped. Must run on the node being diagnosed, as root.';
  static examples = ['<%= config.bin %> node diags', '<%= config.bin %> node diags --log-dir /var/log/calico'];
  static flags = {
    'log-dir': Flags.string({
      summary: 'The directory containing Calico logs.',
      default: '/var/log/calico',
      helpValue: 'LOG_DIR',
    }),
  };
}
