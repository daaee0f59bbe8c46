import type {CommandAction} from '../cli/types.js';
import {CLIENT_VERSION, GIT_COMMIT} from '../version.js';

export const versionAction: CommandAction = async ({flags, out}) => {
  out.out(`Client Version:    ${CLIENT_VERSION}\nGit commit:        ${GIT_COMMIT}\n`);
  if (flags.client) return;
  const {printClusterVersion} = await import('../cluster-version.js');
  await printClusterVersion({configPath: flags.config, poll: flags.poll}, out);
};
