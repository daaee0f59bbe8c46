import {Args, Flags} from '@oclif/core';
import {BaseCommand} from '../base-command.js';

export default class Patch extends BaseCommand<typeof Patch> {
  static summary = 'Patch a pre-existing resource in place.';
  static description =
    'Applies a JSON merge patch to a stored resource: objects merge recursively, null removes a key, lists are replaced. ' +
    'The update is conditional on the resourceVersion that was read.';
  static examples = [
    `<%= config.bin %> patch node node-0 -p '{"spec":{"bgp":{"routeReflectorClusterID":"224.0.0.1"}}}'`,
    `<%= config.bin %> patch ippool default-pool -p '{"spec":{"disabled":true}}'`,
    `<%= config.bin %> patch ippool default-pool -p '{"spec":{"natOutgoing":false}}' --dry-run`,
  ];
  static args = {
    kind: Args.string({description: 'Resource kind.', required: true}),
    name: Args.string({description: 'Resource name.', required: true}),
  };
  static flags = {
    patch: Flags.string({char: 'p', summary: 'Spec to use to patch the resource (JSON).', required: true}),
    type: Flags.string({char: 't', summary: 'Format of the patch; accepted for compatibility, always a merge patch.', default: 'strategic'}),
    config: Flags.string({char: 'c', summary: 'Path to the file containing connection configuration.', default: '/etc/calico/calicoctl.cfg'}),
    namespace: Flags.string({char: 'n', summary: 'Namespace of the resource (namespaced kinds only; default "default").'}),
    'dry-run': Flags.boolean({summary: 'Run every check against the datastore and print what would happen, prefixed with "(dry run) ", without writing anything.', default: false}),
  };
}
