import {Args, Flags} from '@oclif/core';
import {BaseCommand} from '../../base-command.js';

// Resource names for completion and scripts; prints nothing on any error.
export default class CompletionNames extends BaseCommand<typeof CompletionNames> {
  static args = {
    kind: Args.string({description: 'Resource type (any alias calicoctl accepts).', required: true}),
  };
  static flags = {
    config: Flags.string({char: 'c', summary: 'Path to the file containing connection configuration.', default: '/etc/calico/calicoctl.cfg'}),
    namespace: Flags.string({char: 'n', summary: 'Namespace of namespaced kinds ("default" when not specified).'}),
    'all-namespaces': Flags.boolean({char: 'A', summary: 'Names across all namespaces.', default: false}),
  };
  static hidden = true;
  static summary = 'Print the names of the resources of a kind, one per line (2 second timeout, silent on errors).';
  static examples = ['<%= config.bin %> completion names ippool', '<%= config.bin %> completion names networkpolicy -A'];
}
