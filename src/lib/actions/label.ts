// calicoctl label KIND NAME key=value [--overwrite] | key --remove.
import type {CommandAction} from '../cli/types.js';
import {CliError, errorMessage} from '../errors.js';
import type {CalicoResource} from '../resource.js';
import {dryRunAware, dryRunIfAsked} from '../resources/dry-run.js';

export const labelAction: CommandAction = dryRunAware(async ({flags, args, out}) => {
  const kindArg = String(args.kind ?? '');
  const name = String(args.name ?? '');
  const labelArg = String(args.label ?? '');
  const remove = !!flags.remove;
  let key: string;
  let value = '';
  if (remove) key = labelArg;
  else {
    // Released calicoctl splits on every `=`, so `a=b=c` is invalid.
    const kv = labelArg.split('=');
    if (kv.length !== 2) throw new CliError(`invalid label ${labelArg}`);
    [key, value] = kv;
  }
  const what = `${kindArg} ${name}`;
  const {startSession, sessionDatastore} = await import('../resources/session.js');
  let session;
  try {
    session = await startSession(flags);
  } catch (err) {
    if (err instanceof CliError && err.stream === 'stdout') throw err;
    throw new CliError(`failed to get ${what}, error ${errorMessage(err)}`);
  }
  const {kindFromCli} = await import('../registry/index.js');
  const kind = kindFromCli(kindArg);
  if (!kind) throw new CliError(`failed to get ${what}, error resource type '${kindArg}' is not supported`);
  const ds = await dryRunIfAsked(await sessionDatastore(session), flags);
  // clientv3's Update validates the labelled resource (invalid label keys or values are refused).
  const {createWriteValidator} = await import('../resources/validation.js');
  ds.writeValidator = await createWriteValidator();
  try {
    if (name === '') throw new CliError(`failed to get ${what}, error resource name may not be empty`);
    const {handleNamespace, mergeMetadataForUpdate} = await import('../resources/engine.js');
    const target: CalicoResource = {apiVersion: 'projectcalico.org/v3', kind: kind.kind, metadata: {name}};
    const {UpdateConflictError} = await import('../datastore/errors.js');
    const {retryOnConflict} = await import('../resources/conflict-retry.js');
    // Unlike calicoctl, a concurrent change is retried (re-read, re-checked) instead of failing at once.
    const overwritten = await retryOnConflict(async () => {
      let stored: CalicoResource;
      try {
        handleNamespace(target, kind, String(flags.namespace ?? ''));
        stored = await ds.get({kind, name, namespace: kind.namespaced ? target.metadata.namespace : undefined});
      } catch {
        // calicoctl hides the cause of any per-resource read failure.
        throw new CliError(`${what} not found`);
      }
      const labels = {...(stored.metadata.labels ?? {})};
      let replaced = false;
      if (remove) {
        if (!(key in labels)) throw new CliError(`cannot remove label of ${what}, key ${key} does not exist`);
        delete labels[key];
      } else if (key in labels) {
        if (!flags.overwrite && labels[key] !== value) {
          throw new CliError(`failed to update label of ${what}, key ${key} is already present. please use '--overwrite' to set a new value`);
        }
        labels[key] = value;
        replaced = true;
      } else labels[key] = value;
      const updated = {...stored, metadata: {...stored.metadata, labels}};
      try {
        const fresh = await ds.get({kind, name, namespace: stored.metadata.namespace});
        if (fresh.metadata.resourceVersion !== stored.metadata.resourceVersion) throw new UpdateConflictError(what);
        const {updateRefusal} = await import('../resources/update-refusal.js');
        if (updateRefusal(fresh)) throw new Error('refused');
        await ds.update(mergeMetadataForUpdate(fresh, updated));
      } catch (err) {
        if (err instanceof UpdateConflictError) throw err;
        throw new CliError(`failed to update ${what}, label not changed`);
      }
      return replaced;
    }).catch((err) => {
      throw err instanceof UpdateConflictError ? new CliError(`failed to update ${what}, label not changed`) : err;
    });
    if (remove) out.out(`Successfully removed label ${key} from ${what}\n`);
    else if (overwritten) out.out(`Successfully updated label ${key} on ${what}\n`);
    else out.out(`Successfully set label ${key} on ${what}\n`);
  } finally {
    await ds.close();
  }
});
