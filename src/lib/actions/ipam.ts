// `calicoctl ipam show|check|release|configure|split`. Each command: version-mismatch check, client,
// then the work (src/lib/ipam). Modules are loaded lazily so only what a command needs is imported.
import type {CommandAction} from '../cli/types.js';
import {CliError} from '../errors.js';
import {parseIP} from '../net/ip.js';
import {withSession} from '../ipam/session.js';

/** argutils.ValidateIP: calicoctl prints this on stdout and exits 1. */
function validateIP(text: string) {
  const ip = parseIP(text);
  if (!ip) throw new CliError(`Error executing command: invalid IP address specified: ${text}`, {stream: 'stdout'});
  return ip;
}

function outputFormat(flags: Record<string, unknown>): 'table' | 'json' {
  const o = flags.output as string | undefined;
  if (o === undefined || o === 'table') return 'table';
  if (o === 'json') return 'json';
  throw new CliError(`unrecognized output format '${o}'`);
}

export const ipamShowAction: CommandAction = async ({flags, out}) => {
  const format = outputFormat(flags);
  await withSession(flags, async (ds) => {
    const show = await import('../ipam/show.js');
    const json = format === 'json';
    if (flags.ip !== undefined) {
      const ip = validateIP(flags.ip);
      const a = await show.findAssignment(ds, ip);
      out.out(json ? show.ipJson(ip, a) : show.renderIP(ip, a));
    } else if (flags['show-blocks'] || (!flags['show-borrowed'] && !flags['show-configuration'])) {
      const usage = await show.utilization(ds);
      const blocks = flags['show-blocks'] === true;
      out.out(json ? show.utilizationJson(usage, blocks) : show.renderUtilization(usage, blocks));
    } else if (flags['show-borrowed']) {
      const r = await show.borrowedIPs(ds);
      out.out(json ? show.borrowedJson(r) : show.renderBorrowed(r));
    } else {
      try {
        out.out(await show.renderConfiguration(ds, json));
      } catch (err) {
        throw err instanceof CliError ? err : new CliError(`error: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  });
};

export const ipamReleaseAction: CommandAction = async ({flags, out}) => {
  await withSession(flags, async (ds) => {
    const reports = (flags['from-report'] as string[] | undefined) ?? [];
    if (reports.length > 0) {
      const {releaseFromReports} = await import('../ipam/report-release.js');
      await releaseFromReports(ds, reports, flags.force === true, out);
      out.out('You may now unlock the data store.\n');
      return;
    }
    if (flags.ip === undefined) return;
    const ip = validateIP(flags.ip);
    const {formatIP} = await import('../net/ip.js');
    const {releaseIPs} = await import('../ipam/release.js');
    const result = await releaseIPs(ds, [{address: formatIP(ip)}]);
    if (result.error) throw new CliError(`error: ${result.error.message}`);
    if (result.unallocated.length !== 0) throw new CliError(`IP address ${formatIP(ip)} is not assigned`);
    out.out(`Successfully released IP address ${formatIP(ip)}\n`);
  });
};

export const ipamConfigureAction: CommandAction = async ({flags, out}) => {
  await withSession(flags, async (ds) => {
    const {configureIPAM, parseConfigureOptions} = await import('../ipam/config.js');
    const changes = parseConfigureOptions({
      strictaffinity: flags.strictaffinity,
      maxBlocksPerHost: flags['max-blocks-per-host'],
      kubevirtIpPersistence: flags['kubevirt-ip-persistence'],
    });
    out.out(await configureIPAM(ds.raw, changes));
  });
};

export const ipamCheckAction: CommandAction = async ({flags, out}) => {
  await withSession(flags, async (ds) => {
    const {checkIPAM} = await import('../ipam/check.js');
    await checkIPAM(
      ds,
      {
        showAllIPs: flags['show-all-ips'] === true,
        showProblemIPs: flags['show-problem-ips'] === true,
        outFile: flags.output,
        kubeconfig: flags.kubeconfig ?? (process.env.KUBECONFIG || undefined),
      },
      out,
    );
  });
};

export const ipamSplitAction: CommandAction = async ({flags, args, out}) => {
  if (!flags.cidr && !flags.name) throw new CliError('no name or CIDR provided. Provide a name or CIDR to denote the IP pool to split');
  await withSession(flags, async (ds) => {
    const {splitPool} = await import('../ipam/split.js');
    out.out(await splitPool(ds, {number: args.number ?? '', cidr: flags.cidr, name: flags.name}));
  });
};
