// `calicoctl get`: resources by KIND [NAME...] or by file, printed as ps/wide tables, YAML, JSON,
// custom columns or a Go template. Mirrors calicoctl's flow: -o is validated first, then the version
// check, the resources are resolved, the client is built, each resource is fetched in order (failures are
// collected, not fatal), the successes are printed and the failures reported after them on stderr.
import type {CommandAction} from '../cli/types.js';
import {CliError, errorMessage} from '../errors.js';
import type {Datastore} from '../datastore/types.js';
import type {CalicoResource} from '../resource.js';
import {API_VERSION, type KindDescriptor} from '../registry/types.js';
import type {PrintedObject} from '../printers/table.js';
import {needsGlobalAsNumber, parseOutputFormat, printObjects} from '../printers/output.js';

const USAGE = `Usage:
  calicoctl get ( (<KIND> [<NAME>...]) |
                --filename=<FILENAME> [--recursive] [--skip-empty] )
                [--output=<OUTPUT>] [--config=<CONFIG>] [--namespace=<NS>] [--all-namespaces] [--export] [--context=<context>] [--allow-version-mismatch]`;

/** One resource to fetch: a name (get) or no name (list). */
interface Target {
  kind: KindDescriptor;
  name: string;
  namespace: string;
}

const GET_PREFIX = 'failed to get resources: ';

export const getAction: CommandAction = async ({flags, argv, out}) => {
  const format = parseOutputFormat(String(flags.output ?? 'ps'));
  const filename = flags.filename as string | undefined;
  if ((filename === undefined) === (argv.length === 0)) throw new CliError(USAGE);
  const cliNamespace = String(flags.namespace ?? '');
  const allNamespaces = Boolean(flags['all-namespaces']);

  const {startSession, sessionDatastore} = await import('../resources/session.js');
  let session;
  try {
    session = await startSession(flags);
  } catch (err) {
    if (err instanceof CliError && err.stream === 'stdout') throw err;
    throw new CliError(GET_PREFIX + errorMessage(err));
  }
  let ds: Datastore | undefined = session.ds;

  try {
    const targets = filename !== undefined ? await targetsFromFile(filename, flags) : await targetsFromArgs(argv, cliNamespace);
    if (targets === undefined) {
      // --skip-empty with nothing to read: nothing (ps) or `null` (yaml/json).
      await printObjects(out, [], {format, printNamespace: false, globalAsNumber: () => '64512'});
      return;
    }
    ds = await sessionDatastore(session);
    if (filename === undefined && argv.slice(1).some((n) => n === '')) throw new CliError(GET_PREFIX + 'resource name may not be empty');

    const exportNamed = Boolean(flags.export) && filename === undefined && argv.length > 1;
    const printed: PrintedObject[] = [];
    const errors: string[] = [];
    const {handleNamespace} = await import('../resources/engine.js');
    for (const t of targets) {
      try {
        const shaped = {apiVersion: API_VERSION, kind: t.kind.kind, metadata: {name: t.name, namespace: t.namespace}};
        handleNamespace(shaped, t.kind, cliNamespace, allNamespaces);
        t.namespace = shaped.metadata.namespace ?? '';
        const obj = await fetchTarget(ds, t);
        if (exportNamed && !obj.isList) stripForExport(obj.object as CalicoResource);
        printed.push(obj);
      } catch (err) {
        if (err instanceof CliError) throw err;
        errors.push(errorMessage(err));
      }
    }

    let templateSource: string | undefined;
    if (format.type === 'template') templateSource = format.source;
    const printNamespace = allNamespaces || cliNamespace !== '';
    if (format.type === 'template-file') templateSource = await readTemplateFile(format.path);
    const asNumber = needsGlobalAsNumber(format, printed, templateSource) ? await globalAsNumber(ds) : '64512';
    await printObjects(out, printed, {format, printNamespace, globalAsNumber: () => asNumber}, templateSource);

    if (errors.length > 0) throw new CliError(errors.join('\n'));
  } finally {
    await ds?.close();
  }
};

async function targetsFromArgs(argv: readonly string[], cliNamespace: string): Promise<Target[]> {
  const {kindFromCli} = await import('../registry/index.js');
  const [kindArg, ...names] = argv;
  const kind = kindFromCli(kindArg);
  if (!kind) throw new CliError(`${GET_PREFIX}resource type '${kindArg}' is not supported`);
  return (names.length > 0 ? names : ['']).map((name) => ({kind, name, namespace: kind.namespaced ? cliNamespace : ''}));
}

/** Resources named by -f; undefined when --skip-empty found nothing. */
async function targetsFromFile(filename: string, flags: Readonly<Record<string, unknown>>): Promise<Target[] | undefined> {
  const {readManifests} = await import('../manifest/read.js');
  const {kindFromManifest} = await import('../registry/index.js');
  let records;
  try {
    records = await readManifests(filename, {recursive: Boolean(flags.recursive), skipEmpty: Boolean(flags['skip-empty'])});
  } catch (err) {
    // Input problems keep their `failed to execute command:` wording; emptiness is a get failure.
    if (err instanceof CliError && /^no resources specified/.test(err.message)) throw new CliError(GET_PREFIX + err.message);
    throw err;
  }
  if (records.length === 0) return undefined;
  return records.map((r) => {
    const meta = (r.resource.metadata ?? {}) as {name?: string; namespace?: string};
    return {kind: kindFromManifest(r.kind)!, name: meta.name ?? '', namespace: meta.namespace ?? ''};
  });
}

async function fetchTarget(ds: Datastore, t: Target): Promise<PrintedObject> {
  if (t.name !== '') {
    if (t.kind.namespaced && t.namespace === '') throw new Error('cannot use --all-namespace flag for getting a single resource');
    const object = await ds.get({kind: t.kind, name: t.name, namespace: t.kind.namespaced ? t.namespace : undefined});
    return {kind: t.kind, isList: false, object};
  }
  const items = await ds.list(t.kind, t.kind.namespaced && t.namespace !== '' ? t.namespace : undefined);
  if (t.kind.compareListItems) items.sort(t.kind.compareListItems);
  const resourceVersion = await ds.raw.revision();
  const list = {kind: t.kind.listKind, apiVersion: API_VERSION, metadata: {resourceVersion}, items};
  return {kind: t.kind, isList: true, object: list as unknown as CalicoResource};
}

/** --export with names: drop what identifies this copy in this cluster. */
function stripForExport(r: CalicoResource): void {
  const m = r.metadata ?? {};
  for (const k of ['namespace', 'uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds']) delete m[k];
}

/** BGPConfiguration `default` spec.asNumber; `64512` when it or the field is absent, `unknown` on errors. */
async function globalAsNumber(ds: Datastore): Promise<string> {
  const {kindFromManifest} = await import('../registry/index.js');
  try {
    const cfg = await ds.get({kind: kindFromManifest('BGPConfiguration')!, name: 'default'});
    return cfg.spec?.asNumber !== undefined && cfg.spec?.asNumber !== null ? String(cfg.spec.asNumber) : '64512';
  } catch (err) {
    const {ResourceDoesNotExistError} = await import('../datastore/errors.js');
    return err instanceof ResourceDoesNotExistError ? '64512' : 'unknown';
  }
}

async function readTemplateFile(path: string): Promise<string> {
  const {readFile} = await import('node:fs/promises');
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : errorMessage(err);
    throw new CliError(`open ${path}: ${reason}`);
  }
}
