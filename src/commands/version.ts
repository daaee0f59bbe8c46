import {Flags} from '@oclif/core';
import {BaseCommand} from '../base-command.js';

export default class Version extends BaseCommand<typeof Version> {
  static summary = 'Display the version of this binary.';
  static examples = ['<%= config.bin %> version', '<%= config.bin %> version --client', '<%= config.bin %> version --poll 10s'];
  static flags = {
    config: Flags.string({char: 'c', summary: 'Path to the file containing connection configuration.', default: '/etc/calico/calicoctl.cfg'}),
    poll: Flags.string({summary: 'Poll for changes to the cluster information at a frequency specified using POLL duration (e.g. 1s, 10m, 2h etc.).'}),
    client: Flags.boolean({summary: 'Display only the client version.', default: false}),
  };
}
