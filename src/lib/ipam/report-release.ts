// `calicoctl ipam release --from-report=<file>... [--force]`: releases what `ipam check -o` reported as
// leaked, after the report checks (cluster GUID, calicoctl version, freshness, datastore lock).
import {readFileSync} from 'node:fs';
import type {Datastore} from '../datastore/types.js';
import {CliError, errorMessage} from '../errors.js';
import type {Output} from '../io.js';
import {CLIENT_VERSION} from '../version.js';
import {getClusterInformation} from '../migrate/lock.js';
import type {HandleInfo} from './check.js';
import {type JsonValue, isJsonObject, parseJson} from './json.js';
import {handleKey} from './model.js';
import {type ReleaseOptions, releaseIPs} from './release.js';

interface LoadedReport {
  version: string;
  clusterGUID: string;
  clusterInformationRevision: string;
  allocations: {ip: string; handle?: string; sequenceNumber?: string; inUse: boolean}[];
  leakedHandles: HandleInfo[];
}

const str = (v: JsonValue | undefined) => (typeof v === 'string' ? v : '');

function readReport(file: string): LoadedReport {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT' ? `open ${file}: no such file or directory` : `open ${file}: ${errorMessage(err)}`);
  }
  let v: JsonValue;
  try {
    v = parseJson(text);
  } catch (err) {
    throw new CliError(errorMessage(err));
  }
  if (!isJsonObject(v)) throw new CliError(`json: cannot unmarshal ${Array.isArray(v) ? 'array' : typeof v} into Go value of type ipam.Report`);
  const allocations: LoadedReport['allocations'] = [];
  if (isJsonObject(v.allocations)) {
    for (const list of Object.values(v.allocations)) {
      for (const a of Array.isArray(list) ? list : []) {
        if (!isJsonObject(a)) continue;
        const seq = a.sequenceNumber;
        allocations.push({
          ip: str(a.ip),
          handle: typeof a.handle === 'string' ? a.handle : undefined,
          sequenceNumber: typeof seq === 'number' || typeof seq === 'bigint' ? String(seq) : undefined,
          inUse: a.inUse === true,
        });
      }
    }
  }
  const leakedHandles = (Array.isArray(v.leakedHandles) ? v.leakedHandles : []).filter(isJsonObject).map((h) => ({
    ID: str(h.ID),
    UID: typeof h.UID === 'string' ? h.UID : null,
    Revision: str(h.Revision),
  }));
  return {version: str(v.version), clusterGUID: str(v.clusterGUID), clusterInformationRevision: str(v.clusterInformationRevision), allocations, leakedHandles};
}

/** Only leaks present in every report are released; handles only if their revision did not change between reports. */
export function mergeReports(reports: readonly LoadedReport[]): {ips: Map<string, ReleaseOptions>; handles: Map<string, HandleInfo>} {
  let ips: Map<string, ReleaseOptions> | undefined;
  let handles: Map<string, HandleInfo> | undefined;
  for (const r of reports) {
    const merged = new Map<string, ReleaseOptions>();
    for (const a of r.allocations) {
      if (a.inUse) continue;
      if (ips && !ips.has(a.ip)) continue;
      merged.set(a.ip, {address: a.ip, handle: a.handle, sequenceNumber: a.sequenceNumber});
    }
    ips = merged;
    const mergedHandles = new Map<string, HandleInfo>();
    for (const h of r.leakedHandles) {
      if (!handles) mergedHandles.set(h.ID, h);
      else if (handles.get(h.ID)?.Revision === h.Revision) mergedHandles.set(h.ID, h);
    }
    handles = mergedHandles;
  }
  return {ips: ips ?? new Map(), handles: handles ?? new Map()};
}

export async function releaseFromReports(ds: Datastore, files: readonly string[], force: boolean, out: Output): Promise<void> {
  const ci = await getClusterInformation(ds).catch((err) => {
    throw new CliError(errorMessage(err));
  });
  const reports: LoadedReport[] = [];
  let foundCurrent = false;
  for (const file of files) {
    const r = readReport(file);
    // Not overridable: releasing another cluster's leaks would corrupt this one.
    if (String(ci.spec?.clusterGUID ?? '') !== r.clusterGUID) {
      throw new CliError(`cluster does not match the provided report (${file}): mismatched cluster GUID. Refusing to release`);
    }
    if (r.version !== CLIENT_VERSION) {
      if (!force) throw new CliError(`the provided report (${file}) was produced using a different version (${r.version}) of calicoctl. Refusing to release`);
      out.out('WARNING: Report was produced using a different version of calicoctl. Ignoring due to --force option\n');
    }
    if (ci.metadata.resourceVersion === r.clusterInformationRevision) foundCurrent = true;
    reports.push(r);
  }
  if (!foundCurrent) {
    throw new CliError(
      'the provided reports are all stale - at least one should be up-to-date. Please generate a new report while the data store is locked and try again',
    );
  }
  if (ci.spec?.datastoreReady !== false) {
    if (!force) throw new CliError('data store is not locked. Either lock the data store, or re-run with --force');
    out.out('WARNING: Data store is not locked. Ignoring due to --force option\n');
  }
  const {ips, handles} = mergeReports(reports);

  if (ips.size > 0) {
    out.out(`Releasing ${ips.size} old IPs...\n`);
    const result = await releaseIPs(ds, [...ips.values()]);
    if (result.error) {
      out.out(
        `An error occurred while releasing some IPs: ${result.error.message}.  Problems are often caused by an out-of-date IPAM report.  Try regenerating the IPAM report and retry.\n`,
      );
    } else {
      out.out(`Released ${ips.size - result.unallocated.length} IPs successfully\n`);
    }
    if (result.unallocated.length !== 0) out.out(`${result.unallocated.length} addresses marked as leaked in the report had already been cleaned up.\n`);
  } else {
    out.out("Report didn't contain any leaked IPs to clean up.\n");
  }

  if (handles.size > 0) {
    out.out(`Deleting ${handles.size} handles...\n`);
    out.out("Key: '.' = Deleted OK; 'x' = skip, handle missing/changed.\n");
    let released = 0;
    let skipped = 0;
    let errors = 0;
    for (const h of handles.values()) {
      try {
        const kv = await ds.raw.get(handleKey(h.ID));
        // etcd handles have no UID; a UID in the report can only come from a Kubernetes datastore.
        if (!kv || kv.modRevision !== h.Revision || h.UID !== null) {
          skipped++;
          out.out('x');
          continue;
        }
        if (await ds.raw.txn([{op: 'delete', key: kv.key, expectModRevision: kv.modRevision}])) {
          released++;
          out.out('.');
        } else {
          skipped++;
          out.out('x');
        }
      } catch (err) {
        errors++;
        out.out(`\nDeleting handle ${h.ID} failed: ${errorMessage(err)}.\n`);
      }
    }
    out.out('\n');
    out.out(`Released ${released} handles; ${skipped} skipped; ${errors} errors.\n`);
  } else {
    out.out("Report didn't contain any handles to clean up.\n");
  }
}
