// `calicoctl node checksystem [-f KERNEL_CONFIG]`: node built-ins only (start-up budget).
import type {CommandAction} from '../cli/types.js';
import {CliError} from '../errors.js';
import {checkSystem, SYSTEM_NOT_OK, SYSTEM_OK, systemRoots} from '../node/checksystem.js';
import {isRoot, NEED_ROOT_MESSAGE} from '../node/processes.js';

export const nodeChecksystemAction: CommandAction = async ({flags, out}) => {
  if (!isRoot()) throw new CliError(NEED_ROOT_MESSAGE, {stream: 'stdout'});
  const ok = checkSystem((text) => out.out(text), systemRoots(), flags['kernel-config'] || undefined);
  if (!ok) throw new CliError(SYSTEM_NOT_OK);
  out.out(SYSTEM_OK + '\n');
};
