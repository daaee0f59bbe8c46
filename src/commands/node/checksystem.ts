import {Flags} from '@oclif/core';
import {BaseCommand} from '../../base-command.js';

export default class NodeChecksystem extends BaseCommand<typeof NodeChecksystem> {
  static summary = 'Check the compatibility of this compute host to run a Calico node instance.';
  static description =
    'Checks the kernel version (at least 2.6.24) and the kernel modules Calico needs, found in /sys/module, ' +
    'modules.dep, modules.builtin, the loaded modules or the kernel config. Requires root.';
  static examples = ['<%= config.bin %> node checksystem', '<%= config.bin %> node checksystem -f /boot/config-6.1.0-18-amd64'];
  static flags = {
    'kernel-config': Flags.string({
      char: 'f',
      summary: 'Override the Kernel config file location. Expected format is plain text.',
      description:
        'Default search locations: /usr/src/linux/.config, /boot/config-<kernel version>, ' +
        '/usr/src/linux-<kernel version>/.config, /usr/src/linux-headers-<kernel version>/.config, ' +
        '/lib/modules/<kernel version>/build/.config',
      helpValue: 'FILE',
    }),
  };
}
