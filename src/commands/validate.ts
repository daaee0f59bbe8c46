import {Flags} from '@oclif/core';
import {BaseCommand} from '../base-command.js';

export default class Validate extends BaseCommand<typeof Validate> {
  static summary = 'Validate a resource by file, directory or stdin without applying it.';
  static description =
    "Parses and validates the resources offline, without connecting to any datastore: syntax, structure, schema and Calico's semantic rules. " +
    'JSON and YAML are accepted; a file may hold several documents, <Kind>List documents and top-level lists. ' +
    'Exits 0 when every resource is valid, 1 otherwise. Every error names the file and line, the resource and the field.';
  static examples = [
    '<%= config.bin %> validate -f ./policy.yaml',
    'cat policy.json | <%= config.bin %> validate -f -',
    '<%= config.bin %> validate -f ./manifests -R',
    '<%= config.bin %> validate -f ./manifests -R -o json',
    '<%= config.bin %> validate -f ./manifests -R -o junit > validate-report.xml',
    '<%= config.bin %> validate -f ./manifests -R -o sarif --strict > validate.sarif',
  ];
  static flags = {
    filename: Flags.string({
      char: 'f',
      summary: 'Filename to use to validate the resource. If set to "-" loads from stdin. If filename is a directory, every .json, .yaml and .yml file in it is validated.',
      required: true,
    }),
    recursive: Flags.boolean({char: 'R', summary: 'Process the filename specified in -f or --filename recursively.', default: false}),
    'skip-empty': Flags.boolean({summary: 'Do not error if any files or directory specified using -f or --filename contain no data.', default: false}),
    output: Flags.string({
      char: 'o',
      summary: 'Output format: text (calicoctl messages), json (one record per resource), junit (one test case per resource) or sarif (SARIF 2.1.0, one result per problem), for CI.',
      options: ['text', 'json', 'junit', 'sarif'],
      default: 'text',
    }),
    strict: Flags.boolean({summary: 'Treat warnings (deprecated fields) as errors: they fail the run.', default: false}),
  };
}
