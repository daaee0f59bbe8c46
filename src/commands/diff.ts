import {Flags} from '@oclif/core';
import {BaseCommand} from '../base-command.js';

export default class Diff extends BaseCommand<typeof Diff> {
  static summary = 'Show what applying a file, directory or stdin would change in the datastore.';
  static description =
    'Applies the resources in FILENAME to a dry-run copy of the datastore (the same defaults, validation and checks as apply, nothing written) ' +
    'and prints a unified diff per resource between what is stored and what would be stored, both as `get -o yaml` prints them, ' +
    'without the metadata the datastore sets (resourceVersion, uid, creationTimestamp, generation). Resources not yet stored show as additions. ' +
    'Colour on a terminal only. Exits 0 when nothing differs, 1 when something differs, 2 on errors (as kubectl diff).';
  static examples = [
    '<%= config.bin %> diff -f ippool.yaml',
    'cat policy.yaml | <%= config.bin %> diff -f -',
    '<%= config.bin %> diff -f ./manifests -R && echo "in sync"',
  ];
  static flags = {
    filename: Flags.string({char: 'f', summary: 'Filename, directory or - (stdin) containing the resources to compare.', required: true}),
    recursive: Flags.boolean({char: 'R', summary: 'Process the directory given by --filename recursively.', default: false}),
    'skip-empty': Flags.boolean({summary: 'Do not error if any files or directory specified using --filename contain no resources.', default: false}),
    config: Flags.string({char: 'c', summary: 'Path to the file containing connection configuration.', default: '/etc/calico/calicoctl.cfg'}),
    namespace: Flags.string({char: 'n', summary: 'Namespace of the resource (namespaced kinds only; default "default").'}),
  };
}
