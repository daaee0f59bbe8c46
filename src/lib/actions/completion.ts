// `completion SHELL` prints a script; the hidden `completion complete` and `completion names` answer it.
import type {CommandAction} from '../cli/types.js';
import {CliError} from '../errors.js';
import {SHELLS, completionScript, type Shell} from '../completion/scripts.js';
import {isKubectlPlugin} from '../term/program.js';

export const completionAction: CommandAction = async ({args, out}) => {
  const shell = String(args.shell ?? '');
  if (!(SHELLS as readonly string[]).includes(shell)) throw new CliError(`unsupported shell: ${shell} (expected one of: ${SHELLS.join(', ')})`);
  // The script registers itself for the command the user types: the plugin's own file name when run as one.
  out.out(completionScript(shell as Shell, isKubectlPlugin() ? 'kubectl-calico' : 'calicoctl'));
};

export const completionCompleteAction: CommandAction = async ({argv, out}) => {
  const {complete, formatResult, Directive} = await import('../completion/engine.js');
  const {loadSurface} = await import('../completion/manifest.js');
  const {defaultSources} = await import('../completion/sources.js');
  const surface = loadSurface();
  if (!surface) {
    out.out(`:${Directive.Error}\n`);
    return;
  }
  out.out(formatResult(await complete(defaultSources(surface), argv)));
};

export const completionNamesAction: CommandAction = async ({args, flags, out}) => {
  const {datastoreNames} = await import('../completion/sources.js');
  const names = await datastoreNames({
    kind: String(args.kind ?? ''),
    namespace: flags.namespace,
    allNamespaces: Boolean(flags['all-namespaces']),
    configPath: flags.config,
  });
  if (names.length) out.out(names.join('\n') + '\n');
};
