// The name the program presents itself under: `calicoctl`, or `kubectl calico` when installed as the
// kubectl plugin `kubectl-calico` (kubectl runs plugins by their file name; users type `kubectl calico`).
import {readFileSync} from 'node:fs';
import {basename} from 'node:path';
import {fileURLToPath} from 'node:url';

/** Whether the program was started through a file named `kubectl-*` (calicoctl's own test). */
export function isKubectlPlugin(scriptPath: string | undefined = process.argv[1]): boolean {
  return scriptPath !== undefined && basename(scriptPath).startsWith('kubectl-');
}

/** Whether the program was started as kubectl's completion helper for the plugin (`kubectl_complete-calico`). */
export function isKubectlCompletionHelper(scriptPath: string | undefined = process.argv[1]): boolean {
  return scriptPath !== undefined && basename(scriptPath).startsWith('kubectl_complete-');
}

/** `kubectl calico` for the plugin, else `calicoctl`: use it wherever a message names the program. */
export function programName(scriptPath: string | undefined = process.argv[1]): string {
  return isKubectlPlugin(scriptPath) ? 'kubectl calico' : 'calicoctl';
}

/** calicoctl's own description of itself when run as the kubectl plugin. */
export const KUBECTL_PLUGIN_DESCRIPTION = 'calico kubectl plugin';

/**
 * oclif load options that make help present the program as `kubectl calico`: oclif takes the name shown
 * in usage lines and examples (`config.bin`) from package.json, so it gets a copy with `oclif.bin` changed.
 */
export function kubectlPluginLoadOptions(packageRoot: URL): {root: string; pjson: {name: string; version: string; oclif: Record<string, any>}} {
  const pjson = JSON.parse(readFileSync(new URL('package.json', packageRoot), 'utf8'));
  pjson.oclif = {...pjson.oclif, bin: programName('kubectl-calico')};
  pjson.description = `${KUBECTL_PLUGIN_DESCRIPTION}: ${pjson.description ?? ''}`.replace(/: $/, '');
  return {root: fileURLToPath(packageRoot), pjson};
}
