import {Flags} from '@oclif/core';
import {BaseCommand} from '../../../base-command.js';
import {configFlag} from '../../../lib/ipam/flags.js';

export default class DatastoreMigrateImport extends BaseCommand<typeof DatastoreMigrateImport> {
  static summary = 'Import the contents of an export into an empty etcdv3 datastore.';
  static description =
    'Restore a `datastore migrate export` into an etcd datastore that holds no Calico data (calicoctl itself ' +
    'only imports into Kubernetes). The datastore is locked first and stays locked afterwards; unlock it ' +
    'when done. If anything fails, every key written is rolled back.';
  static examples = ['<%= config.bin %> datastore migrate import -f etcd-data', 'cat etcd-data | <%= config.bin %> datastore migrate import -f -'];
  static flags = {
    filename: Flags.string({char: 'f', summary: 'File (or - for stdin) containing the exported data.', required: true, helpValue: 'FILENAME'}),
    force: Flags.boolean({summary: 'Import even if the datastore already holds Calico data (existing keys are overwritten).', default: false}),
    config: configFlag,
  };
}
