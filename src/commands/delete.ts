import {Args, Flags} from '@oclif/core';
import {BaseCommand} from '../base-command.js';

export default class Delete extends BaseCommand<typeof Delete> {
  static summary = 'Delete a resource by file, directory, stdin, or type and name.';
  static description =
    'Deletes the resources named on the command line (KIND NAME...) or described in FILENAME. ' +
    'A resourceVersion in the file is used as a precondition. Deleting an IPPool first disables it and releases its block affinities; ' +
    'deleting a Node also removes its workload endpoints, host endpoints, BGP peers, per-node configuration and IPAM affinities.';
  static strict = false;
  static examples = [
    '<%= config.bin %> delete ippool pool1 pool2',
    '<%= config.bin %> delete networkpolicy allow-dns -n kube-system',
    '<%= config.bin %> delete -f policies.yaml --skip-not-exists',
    '<%= config.bin %> delete -f policies.yaml --dry-run',
  ];
  static args = {
    kind: Args.string({description: 'Resource kind (e.g. ippool, gnp, networkpolicy).'}),
    name: Args.string({description: 'Names of the resources to delete.'}),
  };
  static flags = {
    filename: Flags.string({char: 'f', summary: 'Filename, directory or - (stdin) containing the resources to delete.'}),
    recursive: Flags.boolean({char: 'R', summary: 'Process the directory given by --filename recursively.', default: false}),
    'skip-empty': Flags.boolean({summary: 'Do not error if any files or directory specified using --filename contain no resources.', default: false}),
    'skip-not-exists': Flags.boolean({char: 's', summary: 'Skip over and treat as successful any attempts to delete an entry that does not exist.', default: false}),
    config: Flags.string({char: 'c', summary: 'Path to the file containing connection configuration.', default: '/etc/calico/calicoctl.cfg'}),
    namespace: Flags.string({char: 'n', summary: 'Namespace of the resource (namespaced kinds only; default "default").'}),
    'dry-run': Flags.boolean({summary: 'Run every check against the datastore and print what would happen, prefixed with "(dry run) ", without writing anything.', default: false}),
  };
}
