import {BaseCommand} from '../../../base-command.js';
import {configFlag} from '../../../lib/ipam/flags.js';

export default class DatastoreMigrateLock extends BaseCommand<typeof DatastoreMigrateLock> {
  static summary = 'Lock the datastore to prepare it for migration.';
  static description =
    'Set ClusterInformation default spec.datastoreReady to false. This prevents new Calico resources from ' +
    'affecting the cluster but does not prevent updating or creating them.';
  static examples = ['<%= config.bin %> datastore migrate lock'];
  static flags = {config: configFlag};
}
