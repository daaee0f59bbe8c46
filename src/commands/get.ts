import {Args, Flags} from '@oclif/core';
import {BaseCommand} from '../base-command.js';

export default class Get extends BaseCommand<typeof Get> {
  static summary = 'Get a resource by file, directory, stdin, or type and name.';
  static description = `Displays resources by type and name (all of the type when no name is given), or those named in a
file, directory or stdin (-f). Output formats (-o):
  ps                    ps-style table (default)
  wide                  as ps, with more columns
  custom-columns=A,B    as ps, with the given columns only
  yaml, yml, json       the resources, valid input for create/apply/replace/delete/get
  go-template=TEMPLATE  a Go template over the list of results (Go field names: .ObjectMeta.Name, .Spec.CIDR)
  go-template-file=FILE the same, with the template read from FILE
Namespaced kinds (NetworkPolicy, NetworkSet, StagedNetworkPolicy, StagedKubernetesNetworkPolicy,
WorkloadEndpoint) use the "default" namespace unless -n or -A is given.`;
  static examples = [
    '<%= config.bin %> get ippool',
    '<%= config.bin %> get -o yaml policy my-policy-1 my-policy-2 -n prod',
    '<%= config.bin %> get networkpolicy -A -o wide',
    '<%= config.bin %> get ippool -o custom-columns=NAME,CIDR,NAT',
    `<%= config.bin %> get nodes -o go-template='{{range .}}{{range .Items}}{{.ObjectMeta.Name}} {{end}}{{end}}'`,
  ];
  static usage = ['<%= command.id %> KIND [NAME...] [flags]', '<%= command.id %> -f FILENAME [-R] [--skip-empty] [flags]'];
  static strict = false;
  static args = {
    kind: Args.string({description: 'Resource type (case-insensitive, singular, plural or short name).', required: false}),
    name: Args.string({description: 'Resource names (all resources of the type when omitted).', required: false}),
  };
  static flags = {
    filename: Flags.string({char: 'f', summary: 'Filename to use to get the resource. If set to "-" loads from stdin; a directory is read for .yaml, .yml and .json files.'}),
    recursive: Flags.boolean({char: 'R', summary: 'Process the filename specified in -f or --filename recursively.', default: false}),
    'skip-empty': Flags.boolean({summary: 'Do not error if any files or directory specified using -f or --filename contain no data.', default: false}),
    output: Flags.string({char: 'o', summary: 'Output format. One of: yaml, json, ps, wide, custom-columns=..., go-template=..., go-template-file=...', default: 'ps'}),
    config: Flags.string({char: 'c', summary: 'Path to the file containing connection configuration in YAML or JSON format.', default: '/etc/calico/calicoctl.cfg'}),
    namespace: Flags.string({char: 'n', summary: 'Namespace of the resource (namespaced kinds only); "default" when not specified.'}),
    'all-namespaces': Flags.boolean({char: 'A', charAliases: ['a'], summary: 'List the requested object(s) across all namespaces.', default: false}),
    export: Flags.boolean({summary: 'Return the named object(s) stripped of cluster-specific information (ignored without NAME).', default: false}),
  };
}
