import {Flags} from '@oclif/core';
import {BaseCommand} from '../../base-command.js';
import {configFlag} from '../../lib/ipam/flags.js';

export default class IpamRelease extends BaseCommand<typeof IpamRelease> {
  static summary = 'Release a Calico assigned IP address.';
  static description =
    'Release an IP address that was previously assigned to an endpoint, or every leaked address and handle ' +
    'listed in reports written by `ipam check -o` (only leaks present in all given reports are released; ' +
    'at least one report must be current and the datastore must be locked unless --force). This does not ' +
    'remove the IP from any endpoint still using it.';
  static examples = [
    '<%= config.bin %> ipam release --ip=10.244.97.5',
    '<%= config.bin %> ipam release --from-report=report.json',
    '<%= config.bin %> ipam release --from-report=old.json --from-report=new.json',
  ];
  static flags = {
    ip: Flags.string({summary: 'IP address to release.', helpValue: 'IP'}),
    'from-report': Flags.string({
      summary: 'Release all leaked addresses from the report (repeatable: only leaks common to all reports are released).',
      multiple: true,
      helpValue: 'REPORT',
    }),
    force: Flags.boolean({summary: 'Force release of leaked addresses (ignore calicoctl version and lock checks).', default: false}),
    config: configFlag,
  };
}
