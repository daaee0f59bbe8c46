import {BaseCommand} from '../../../base-command.js';
import {configFlag} from '../../../lib/ipam/flags.js';

export default class DatastoreMigrateUnlock extends BaseCommand<typeof DatastoreMigrateUnlock> {
  static summary = 'Unlock the datastore to complete migration.';
  static description = 'Set ClusterInformation default spec.datastoreReady back to true, so Calico resources take effect again.';
  static examples = ['<%= config.bin %> datastore migrate unlock'];
  static flags = {config: configFlag};
}
