import {Flags} from '@oclif/core';
import {BaseCommand} from '../base-command.js';

export default class Apply extends BaseCommand<typeof Apply> {
  static summary = 'Apply a resource by file, directory or stdin.';
  static description =
    'Creates or updates the resources described in FILENAME (YAML or JSON; a file, a directory of .yaml/.yml/.json files, or - for stdin). ' +
    'Existing resources are replaced (labels and annotations from the file, other metadata kept).';
  static examples = [
    '<%= config.bin %> apply -f ippool.yaml',
    'cat policy.yaml | <%= config.bin %> apply -f -',
    '<%= config.bin %> apply -f ./manifests -R',
    '<%= config.bin %> apply -f ./manifests -R --dry-run',
    '<%= config.bin %> apply -f ./manifests -R --skip-unchanged',
  ];
  static flags = {
    filename: Flags.string({char: 'f', summary: 'Filename, directory or - (stdin) containing the resources to apply.', required: true}),
    recursive: Flags.boolean({char: 'R', summary: 'Process the directory given by --filename recursively.', default: false}),
    'skip-empty': Flags.boolean({summary: 'Do not error if any files or directory specified using --filename contain no resources.', default: false}),
    atomic: Flags.boolean({summary: 'Write all resources in one etcd transaction, or none of them (at most 128 resources and 1.5 MiB with etcd defaults).', default: false}),
    config: Flags.string({char: 'c', summary: 'Path to the file containing connection configuration.', default: '/etc/calico/calicoctl.cfg'}),
    namespace: Flags.string({char: 'n', summary: 'Namespace of the resource (namespaced kinds only; default "default").'}),
    'dry-run': Flags.boolean({summary: 'Run every check against the datastore and print what would happen, prefixed with "(dry run) ", without writing anything.', default: false}),
    'skip-unchanged': Flags.boolean({summary: 'Do not rewrite resources already stored as given; the summary counts them as unchanged.', default: false}),
  };
}
