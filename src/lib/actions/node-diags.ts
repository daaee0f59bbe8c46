// `calicoctl node diags [--log-dir DIR]`.
import type {CommandAction} from '../cli/types.js';
import {CliError} from '../errors.js';
import {isRoot, NEED_ROOT_MESSAGE} from '../node/processes.js';

export const nodeDiagsAction: CommandAction = async ({flags, out}) => {
  if (!isRoot()) throw new CliError(NEED_ROOT_MESSAGE, {stream: 'stdout'});
  const {collectDiags} = await import('../node/diags.js');
  await collectDiags({logDir: flags['log-dir'] ?? '/var/log/calico', print: (t) => out.out(t)});
};
