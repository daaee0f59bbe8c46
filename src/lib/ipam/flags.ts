// The -c/--config flag shared by the ipam and datastore migrate commands.
import {Flags} from '@oclif/core';

export const configFlag = Flags.string({
  char: 'c',
  summary: 'Path to the file containing connection configuration in YAML or JSON format.',
  default: '/etc/calico/calicoctl.cfg',
  helpValue: 'CONFIG',
});
