import {Flags} from '@oclif/core';
import {BaseCommand} from '../base-command.js';

export default class Replace extends BaseCommand<typeof Replace> {
  static summary = 'Replace a resource by file, directory or stdin.';
  static description =
    'Replaces existing resources with those described in FILENAME (YAML or JSON; a file, a directory, or - for stdin). ' +
    'A resourceVersion in the file must match the stored one (else "update conflict").';
  static examples = [
    '<%= config.bin %> replace -f ippool.yaml',
    'cat policy.yaml | <%= config.bin %> replace -f -',
    '<%= config.bin %> replace -f ./manifests -R',
    '<%= config.bin %> replace -f ippool.yaml --dry-run',
  ];
  static flags = {
    filename: Flags.string({char: 'f', summary: 'Filename, directory or - (stdin) containing the resources to replace.', required: true}),
    recursive: Flags.boolean({char: 'R', summary: 'Process the directory given by --filename recursively.', default: false}),
    'skip-empty': Flags.boolean({summary: 'Do not error if any files or directory specified using --filename contain no resources.', default: false}),
    config: Flags.string({char: 'c', summary: 'Path to the file containing connection configuration.', default: '/etc/calico/calicoctl.cfg'}),
    namespace: Flags.string({char: 'n', summary: 'Namespace of the resource (namespaced kinds only; default "default").'}),
    'dry-run': Flags.boolean({summary: 'Run every check against the datastore and print what would happen, prefixed with "(dry run) ", without writing anything.', default: false}),
  };
}
