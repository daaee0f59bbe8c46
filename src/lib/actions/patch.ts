// calicoctl patch KIND NAME -p PATCH: read, merge-patch, strict re-decode, conditional update.
import type {CommandAction} from '../cli/types.js';
import {CliError, errorMessage} from '../errors.js';
import type {CalicoResource} from '../resource.js';
import {dryRunAware, dryRunIfAsked} from '../resources/dry-run.js';

export const patchAction: CommandAction = dryRunAware(async ({flags, args, out}) => {
  const {startSession, sessionDatastore} = await import('../resources/session.js');
  const session = await startSession(flags);
  const {kindFromCli} = await import('../registry/index.js');
  const kindArg = String(args.kind ?? '');
  const name = String(args.name ?? '');
  const kind = kindFromCli(kindArg);
  if (!kind) throw new CliError(`resource type '${kindArg}' is not supported`);
  const ds = await dryRunIfAsked(await sessionDatastore(session), flags);
  const {createWriteValidator} = await import('../resources/validation.js');
  ds.writeValidator = await createWriteValidator();
  try {
    if (name === '') throw new CliError('resource name may not be empty');
    const {handleNamespace, mergeMetadataForUpdate} = await import('../resources/engine.js');
    const target: CalicoResource = {apiVersion: 'projectcalico.org/v3', kind: kind.kind, metadata: {name}};
    const {UpdateConflictError} = await import('../datastore/errors.js');
    const {retryOnConflict} = await import('../resources/conflict-retry.js');
    try {
      // Unlike calicoctl, a concurrent change is retried: the patch is applied again to the fresh object.
      await retryOnConflict(async () => {
        handleNamespace(target, kind, String(flags.namespace ?? ''));
        const stored = await ds.get({kind, name, namespace: kind.namespaced ? target.metadata.namespace : undefined});
        let patched = await applyPatch(stored, String(flags.patch));
        patched = mergeMetadataForUpdate(stored, patched);
        try {
          const {updateRefusal} = await import('../resources/update-refusal.js');
          const refused = updateRefusal(patched);
          if (refused) throw refused;
          await ds.update(patched);
        } catch (err) {
          if (err instanceof UpdateConflictError) throw err;
          throw new Error(`updating existing resource: ${errorMessage(err)}`);
        }
      });
    } catch (err) {
      if (err instanceof CliError) throw err;
      if (err instanceof UpdateConflictError) throw new CliError(`hit error: updating existing resource: ${errorMessage(err)}`);
      throw new CliError(`hit error: ${errorMessage(err)}`);
    }
    out.out(`Successfully patched 1 '${kind.kind}' resource\n`);
  } finally {
    await ds.close();
  }
});

async function applyPatch(stored: CalicoResource, patchText: string): Promise<CalicoResource> {
  let patch: unknown;
  try {
    patch = JSON.parse(patchText);
  } catch (err) {
    throw new Error(`performing strategic merge patch: ${errorMessage(err)}`);
  }
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    throw new Error('performing strategic merge patch: json: cannot unmarshal array into Go value of type map[string]interface {}');
  }
  const {mergePatch} = await import('../resources/merge-patch.js');
  const result = mergePatch(stored, patch) as CalicoResource;
  // Re-read the patched object strictly, as calicoctl decodes it into the typed resource.
  const {decodeDocument} = await import('../manifest/decode.js');
  const {prevalidate} = await import('../resources/validation.js');
  let records;
  try {
    records = decodeDocument(JSON.stringify(result), {file: 'patch', line: 1});
  } catch (err) {
    throw new Error(`creating resource from patched data: ${errorMessage(err).replace(/^patch:1: /, '')}`);
  }
  if (records.length < 1) throw new Error(`invalid number of patched resources: ${records.length}`);
  await prevalidate(records.slice(0, 1), stored.metadata.namespace ?? '');
  return records[0].resource as unknown as CalicoResource;
}
