import type {CommandAction} from '../cli/types.js';
import {CLIENT_VERSION, GIT_COMMIT} from '../version.js';

export const versionAction: CommandAction = async ({flags, out}) => {
  const {printClusterVersion, pollIntervalMs} = await import('../cluster-version.js');
  // calicoctl rejects a bad --poll before printing anything.
  pollIntervalMs(flags.poll);
  out.out(`Client Version:    ${CLIENT_VERSION}\nGit commit:        ${GIT_COMMIT}\n`);
  if (flags.client) return;
  return printClusterVersion({configPath: flags.config, poll: flags.poll}, out);
};
