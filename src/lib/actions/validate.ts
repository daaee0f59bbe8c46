// `calicoctl validate`: offline validation of manifests (no config file, no datastore, no network).
import type {CommandAction} from '../cli/types.js';
import {CliError} from '../errors.js';

export const validateAction: CommandAction = async ({flags, out}) => {
  const output = String(flags.output ?? 'text');
  if (output !== 'text' && output !== 'json') throw new CliError(`unrecognized output format '${output}'`);
  // Start loading the validation modules while the manifests are read.
  const validation = import('../validation/index.js');
  const format = import('../validation/format.js');
  validation.catch(() => undefined);
  format.catch(() => undefined);
  const {readManifests} = await import('../manifest/index.js');
  const records = await readManifests(String(flags.filename), {recursive: !!flags.recursive, skipEmpty: !!flags['skip-empty']});
  const results = await (await validation).validateAsWritten(records);
  const {summarize, toJsonRecord} = await format;
  if (output === 'json') {
    out.out(JSON.stringify(results.map(toJsonRecord), null, 2) + '\n');
    return results.every((r) => r.valid) ? 0 : 1;
  }
  if (records.length === 0) {
    out.out('No resources specified\n');
    return 0;
  }
  const summary = summarize(results);
  if (summary.stdout) out.out(summary.stdout);
  if (summary.stderr) out.err(summary.stderr);
  return summary.exitCode;
};
