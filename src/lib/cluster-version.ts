// The cluster side of `calicoctl version`: Cluster Version/Type from ClusterInformation `default`, once or
// polled (--poll). Never runs the version-mismatch check.
import {CliError, errorMessage} from './errors.js';
import type {Output} from './io.js';

const UNIT_NS: Record<string, number> = {ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9};

/** Go's time.ParseDuration, in milliseconds; undefined when Go would reject it. */
export function parseGoDuration(text: string): number | undefined {
  let s = text;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') return undefined;
  let ns = 0;
  const re = /^(\d*(?:\.\d*)?)(ns|us|µs|μs|ms|s|m|h)/;
  while (s.length > 0) {
    const m = re.exec(s);
    if (!m || m[1] === '' || m[1] === '.') return undefined;
    ns += Number(m[1]) * UNIT_NS[m[2]];
    s = s.slice(m[0].length);
  }
  return (sign * ns) / 1e6;
}

/** Validates --poll before anything is printed (calicoctl parses it first). Returns milliseconds (0 = once). */
export function pollIntervalMs(poll: string | undefined): number {
  if (poll === undefined || poll === '') return 0;
  const ms = parseGoDuration(poll);
  // calicoctl prints the zero Duration it failed to fill, not the text given.
  if (ms === undefined) throw new CliError('invalid poll duration specified: 0s');
  return ms;
}

export async function printClusterVersion(opts: {configPath: string; poll?: string}, out: Output): Promise<number> {
  const interval = pollIntervalMs(opts.poll);
  const {connectDatastore} = await import('./datastore/index.js');
  let ds;
  try {
    ds = await connectDatastore({configPath: opts.configPath});
  } catch (err) {
    if (err instanceof CliError) throw err;
    out.out('Unable to detect installed Calico version\n');
    return 0;
  }
  const {ClusterInformationKind} = await import('./registry/kinds/clusterinformation.js');
  let shownVersion = '';
  let shownType = '';
  try {
    for (;;) {
      let error: string | undefined;
      try {
        const ci = await ds.get({kind: ClusterInformationKind, name: 'default'});
        const v = String(ci.spec?.calicoVersion ?? '') || 'unknown';
        const t = String(ci.spec?.clusterType ?? '') || 'unknown';
        if (v !== shownVersion) out.out(`Cluster Version:   ${v}\n`);
        if (t !== shownType) out.out(`Cluster Type:      ${t}\n`);
        shownVersion = v;
        shownType = t;
      } catch (err) {
        error = `unable to retrieve Cluster Version or Type: ${errorMessage(err)}`;
        shownVersion = '';
        shownType = '';
      }
      if (interval === 0) {
        if (error) throw new CliError(error);
        return 0;
      }
      if (error) out.err(error + '\n');
      await new Promise((r) => setTimeout(r, Math.max(0, interval)));
    }
  } finally {
    await ds.close().catch(() => undefined);
  }
}
