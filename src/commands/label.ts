import {Args, Flags} from '@oclif/core';
import {BaseCommand} from '../base-command.js';

export default class Label extends BaseCommand<typeof Label> {
  static summary = 'Add or update labels of resources.';
  static description = 'Sets a label (key=value) on a resource, or removes one (key --remove). An existing key is changed only with --overwrite.';
  static examples = [
    '<%= config.bin %> label nodes node1 cluster=backend',
    '<%= config.bin %> label nodes node1 cluster=frontend --overwrite',
    '<%= config.bin %> label nodes node1 cluster --remove',
    '<%= config.bin %> label nodes node1 cluster=backend --dry-run',
  ];
  static args = {
    kind: Args.string({description: 'Resource kind.', required: true}),
    name: Args.string({description: 'Resource name.', required: true}),
    label: Args.string({description: 'key=value to set, or key to remove.', required: true}),
  };
  static flags = {
    overwrite: Flags.boolean({summary: 'Overwrite the value when the key is already present.', default: false}),
    remove: Flags.boolean({summary: 'Remove the label with the given key.', default: false}),
    config: Flags.string({char: 'c', summary: 'Path to the file containing connection configuration.', default: '/etc/calico/calicoctl.cfg'}),
    namespace: Flags.string({char: 'n', summary: 'Namespace of the resource (namespaced kinds only; default "default").'}),
    'dry-run': Flags.boolean({summary: 'Run every check against the datastore and print what would happen, prefixed with "(dry run) ", without writing anything.', default: false}),
  };
}
