import {Flags} from '@oclif/core';
import {BaseCommand} from '../base-command.js';

export default class Create extends BaseCommand<typeof Create> {
  static summary = 'Create a resource by file, directory or stdin.';
  static description =
    'Creates the resources described in FILENAME (YAML or JSON; a file, a directory of .yaml/.yml/.json files, or - for stdin). ' +
    'Fails for resources that already exist unless --skip-exists is given.';
  static examples = [
    '<%= config.bin %> create -f ippool.yaml',
    'cat policy.yaml | <%= config.bin %> create -f -',
    '<%= config.bin %> create -f ./manifests -R --skip-exists',
    '<%= config.bin %> create -f ./manifests -R --dry-run',
  ];
  static flags = {
    filename: Flags.string({char: 'f', summary: 'Filename, directory or - (stdin) containing the resources to create.', required: true}),
    recursive: Flags.boolean({char: 'R', summary: 'Process the directory given by --filename recursively.', default: false}),
    'skip-empty': Flags.boolean({summary: 'Do not error if any files or directory specified using --filename contain no resources.', default: false}),
    'skip-exists': Flags.boolean({summary: 'Skip over and treat as successful any attempts to create an entry that already exists.', default: false}),
    atomic: Flags.boolean({summary: 'Write all resources in one etcd transaction, or none of them (at most 128 resources and 1.5 MiB with etcd defaults).', default: false}),
    config: Flags.string({char: 'c', summary: 'Path to the file containing connection configuration.', default: '/etc/calico/calicoctl.cfg'}),
    namespace: Flags.string({char: 'n', summary: 'Namespace of the resource (namespaced kinds only; default "default").'}),
    'dry-run': Flags.boolean({summary: 'Run every check against the datastore and print what would happen, prefixed with "(dry run) ", without writing anything.', default: false}),
  };
}
