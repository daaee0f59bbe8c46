// create / apply / replace / delete: calicoctl's pipeline (reference calicoctl-cli.md §3.5) around the
// shared engine in src/lib/resources.
import type {CommandAction, CommandInput} from '../cli/types.js';
import {CliError} from '../errors.js';
import type {CalicoResource} from '../resource.js';
import type {Verb} from '../resources/engine.js';
import {dryRunAware} from '../resources/dry-run.js';

async function loadFromArgs(kindArg: string, names: string[]): Promise<CalicoResource[]> {
  const {kindFromCli, API_VERSION} = await import('../registry/index.js');
  const kind = kindFromCli(kindArg);
  if (!kind) throw new CliError(`resource type '${kindArg}' is not supported`);
  const list = names.length ? names : [''];
  return list.map((name) => ({apiVersion: API_VERSION, kind: kind.kind, metadata: {name}, spec: {}}));
}

async function runResourceCommand(verb: Verb, {flags, argv, out}: CommandInput): Promise<number | void> {
  // 1. Version-mismatch check (it builds the client; we reuse it).
  const {startSession, sessionDatastore} = await import('../resources/session.js');
  const session = await startSession(flags);

  // 2. All input is read and parsed before anything is written.
  let resources: CalicoResource[];
  const namespace = String(flags.namespace ?? '');
  const fromArgs = !flags.filename;
  if (!fromArgs) {
    const {readManifests} = await import('../manifest/read.js');
    const records = await readManifests(String(flags.filename), {recursive: !!flags.recursive, skipEmpty: !!flags['skip-empty']});
    if (verb !== 'delete' && records.length) {
      const {prevalidate} = await import('../resources/validation.js');
      await prevalidate(records, namespace);
    }
    resources = records.map((r) => r.resource as unknown as CalicoResource);
  } else {
    if (!argv[0]) throw new CliError(`${verb}: specify KIND [NAME...] or --filename`);
    resources = await loadFromArgs(argv[0], argv.slice(1));
  }
  if (resources.length === 0) {
    out.out('No resources specified\n');
    return;
  }

  // 3. Client (--dry-run: writes stay in memory; --skip-unchanged: identical puts are left out).
  let ds = await sessionDatastore(session);
  let skipper: import('../resources/dry-run.js').UnchangedSkippingClient | undefined;
  if (flags['dry-run'] || flags['skip-unchanged']) {
    const {OverlayEtcdClient, UnchangedSkippingClient, rewrapDatastore} = await import('../resources/dry-run.js');
    ds = await rewrapDatastore(ds, (client) => {
      const base = flags['dry-run'] ? new OverlayEtcdClient(client) : client;
      if (!flags['skip-unchanged']) return base;
      skipper = new UnchangedSkippingClient(base);
      return skipper;
    });
  }
  try {
    // 5. Best-effort datastore initialisation before writes.
    if (verb !== 'delete') {
      const {tryEnsureInitialized} = await import('../resources/initialize.js');
      await tryEnsureInitialized(ds);
    }
    // 6. Empty names given on the command line.
    if (fromArgs && argv.slice(1).some((n) => n === '')) throw new CliError('resource name may not be empty');

    if (verb !== 'delete') {
      const {createWriteValidator} = await import('../resources/validation.js');
      ds.writeValidator = await createWriteValidator();
    }
    const {executeResources} = await import('../resources/engine.js');
    const {reportResults} = await import('../resources/report.js');
    const results = await executeResources(verb, resources, ds, {
      namespace,
      skipExists: !!flags['skip-exists'],
      skipNotExists: !!flags['skip-not-exists'],
      atomic: !!flags.atomic,
    });
    reportResults(verb, results, out, {unchanged: skipper?.unchanged});
  } finally {
    await ds.close();
  }
}

export const createAction: CommandAction = dryRunAware((input) => runResourceCommand('create', input));
export const applyAction: CommandAction = dryRunAware((input) => runResourceCommand('apply', input));
export const replaceAction: CommandAction = dryRunAware((input) => runResourceCommand('replace', input));
export const deleteAction: CommandAction = dryRunAware((input) => runResourceCommand('delete', input));
