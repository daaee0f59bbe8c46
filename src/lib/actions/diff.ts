// `calicoctl diff -f FILE`: what `apply -f FILE` would change. The apply runs for real against a dry-run
// datastore (every default and check of a write, nothing written); each result is compared with what
// is stored, both printed as `get -o yaml` prints them, without the metadata the server sets.
// Exit codes follow kubectl diff: 0 nothing differs, 1 something differs, 2 an error.
import type {CommandAction} from '../cli/types.js';
import {CliError, errorMessage} from '../errors.js';
import type {Output} from '../io.js';
import {resourceId, type CalicoResource} from '../resource.js';

const EXIT_DIFFERENT = 1;
const EXIT_ERROR = 2;

/** Metadata the datastore sets on every write: never part of a difference. */
const SERVER_SET_METADATA = ['resourceVersion', 'uid', 'creationTimestamp', 'generation', 'selfLink', 'managedFields'];

/** The resource as compared: server-set metadata removed. */
export function comparable(r: CalicoResource): CalicoResource {
  const copy = structuredClone(r);
  for (const k of SERVER_SET_METADATA) delete copy.metadata[k];
  return copy;
}

export const diffAction: CommandAction = async (input) => {
  try {
    return await runDiff(input.flags, input.out);
  } catch (err) {
    // Every failure is exit 2, so scripts can tell "differs" (1) from "could not tell".
    if (err instanceof CliError) throw new CliError(err.message, {exitCode: EXIT_ERROR, stream: err.stream});
    throw new CliError(errorMessage(err), {exitCode: EXIT_ERROR});
  }
};

async function runDiff(flags: Readonly<Record<string, unknown>>, out: Output): Promise<number> {
  const {startSession, sessionDatastore} = await import('../resources/session.js');
  const session = await startSession(flags);
  const namespace = String(flags.namespace ?? '');
  const {readManifests} = await import('../manifest/read.js');
  const records = await readManifests(String(flags.filename), {recursive: !!flags.recursive, skipEmpty: !!flags['skip-empty']});
  if (records.length === 0) {
    out.out('No resources specified\n');
    return 0;
  }
  const {prevalidate, createWriteValidator} = await import('../resources/validation.js');
  await prevalidate(records, namespace);
  const resources = records.map((r) => r.resource as unknown as CalicoResource);

  const live = await sessionDatastore(session);
  const {dryRunDatastore} = await import('../resources/dry-run.js');
  const simulated = await dryRunDatastore(live);
  try {
    const {tryEnsureInitialized} = await import('../resources/initialize.js');
    await tryEnsureInitialized(simulated);
    simulated.writeValidator = await createWriteValidator();
    const {executeResources} = await import('../resources/engine.js');
    const results = await executeResources('apply', resources, simulated, {namespace});

    const {kindFromManifest} = await import('../registry/index.js');
    const {ResourceDoesNotExistError} = await import('../datastore/errors.js');
    const {toGoYaml} = await import('../printers/yaml.js');
    const {unifiedDiff, colorizeDiff} = await import('../diff/unified.js');
    const {colorFor} = await import('../term/color.js');
    const palette = await colorFor(process.stdout);

    let differs = false;
    let failed = false;
    let nextError = 0;
    for (let i = 0; i < resources.length; i++) {
      const merged = results.results[i];
      if (!merged) {
        const err = results.resErrs[nextError++];
        out.err(`Failed to diff '${resources[i].kind}' resource: ${err?.message ?? 'unknown error'}\n`);
        failed = true;
        continue;
      }
      const kind = kindFromManifest(merged.kind)!;
      const name = merged.metadata.name ?? '';
      const id = resourceId(merged.kind, name, kind.namespaced ? merged.metadata.namespace : undefined);
      let stored: CalicoResource | undefined;
      try {
        stored = await live.get({kind, name, namespace: kind.namespaced ? merged.metadata.namespace : undefined});
      } catch (err) {
        if (!(err instanceof ResourceDoesNotExistError)) throw err;
      }
      const text = unifiedDiff(stored ? toGoYaml(comparable(stored)) : '', toGoYaml(comparable(merged)), {
        fromName: stored ? `${id}\tlive` : '/dev/null',
        toName: `${id}\t${records[i].file}:${records[i].line}`,
      });
      if (text) {
        differs = true;
        out.out(colorizeDiff(text, palette));
      }
    }
    if (failed) return EXIT_ERROR;
    return differs ? EXIT_DIFFERENT : 0;
  } finally {
    await simulated.close();
  }
}
