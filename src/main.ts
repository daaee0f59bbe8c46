// Process entry: reorders calicoctl-style global options, runs oclif, and turns every failure into a
// plain message and exit code (oclif would indent, prefix and exit 2).
import {CliError, ExitCode, errorMessage} from './lib/errors.js';
import {log} from './lib/log.js';
import {PLAIN, colorFor, disableColor, extractNoColor, paintErrorPrefix, stripAnsi, type Palette} from './lib/term/color.js';
import {isKubectlCompletionHelper, isKubectlPlugin, kubectlPluginLoadOptions, programName} from './lib/term/program.js';

/** Global options calicoctl (docopt) accepts before the sub-command; `true` = takes a value. */
const GLOBAL_OPTIONS: Record<string, boolean> = {
  '-l': true,
  '--log-level': true,
  '--context': true,
  '--timeout': true,
  '--allow-version-mismatch': false,
};

/** Moves leading global options behind the command words, where oclif can parse them. */
export function reorderGlobalOptions(argv: readonly string[]): string[] {
  const globals: string[] = [];
  let i = 0;
  while (i < argv.length) {
    const tok = argv[i];
    const eq = tok.indexOf('=');
    const name = tok.startsWith('--') && eq > 0 ? tok.slice(0, eq) : tok;
    const shortJoined = /^-l./.test(tok) && !tok.startsWith('--');
    if (shortJoined) {
      globals.push('-l', tok.slice(2));
      i += 1;
    } else if (name in GLOBAL_OPTIONS) {
      if (GLOBAL_OPTIONS[name] && eq < 0) {
        globals.push(tok, argv[i + 1] ?? '');
        i += 2;
      } else {
        globals.push(tok);
        i += 1;
      }
    } else break;
  }
  if (globals.length === 0 || i >= argv.length) return [...argv];
  const rest = argv.slice(i);
  const dashdash = rest.indexOf('--');
  if (dashdash < 0) return [...rest, ...globals];
  return [...rest.slice(0, dashdash), ...globals, ...rest.slice(dashdash)];
}

interface OclifLikeError {
  message?: string;
  code?: string;
  oclif?: {exit?: number};
}

/** Prints an error the way calicoctl does and returns the exit code; `palette` colours stderr prefixes only. */
export function reportError(err: unknown, argv: readonly string[], palette: Palette = PLAIN): number {
  const toStderr = (text: string) => process.stderr.write(paintErrorPrefix(text, palette));
  if (err instanceof ExitCode) return err.exitCode;
  if (err instanceof CliError) {
    if (err.stream === 'stdout') process.stdout.write(err.message + '\n');
    else toStderr(err.message + '\n');
    return err.exitCode;
  }
  const e = (err ?? {}) as OclifLikeError;
  if (e.code === 'EEXIT') return e.oclif?.exit ?? 0;
  const message = stripAnsi(errorMessage(err));
  const notFound = /^command (\S+) not found/.exec(message);
  if (notFound) {
    const typed = argv.find((a) => !a.startsWith('-')) ?? notFound[1];
    toStderr(`unknown command: "${typed}"\nRun '${programName()} --help' for the list of commands.\n`);
    return 1;
  }
  if (e.oclif?.exit !== undefined) {
    toStderr(message.trimEnd() + '\n');
    return e.oclif.exit || 1;
  }
  // Unexpected failure: still one line; the stack only at debug level.
  toStderr(`error: ${message.split('\n')[0]}\n`);
  if (log.enabled('debug') && err instanceof Error && err.stack) process.stderr.write(err.stack + '\n');
  return 1;
}

function drained(stream: NodeJS.WriteStream): Promise<void> {
  if (stream.writableLength === 0) return Promise.resolve();
  return new Promise((resolve) => {
    stream.once('drain', resolve);
    stream.once('error', resolve);
    stream.once('close', resolve);
  });
}

export async function main(argv: readonly string[]): Promise<void> {
  // kubectl runs `kubectl_complete-calico WORDS...` to complete `kubectl calico WORDS...`.
  const words = isKubectlCompletionHelper() ? ['completion', 'complete', '--', ...argv] : argv;
  const {argv: withoutNoColor, noColor} = extractNoColor(words);
  if (noColor) disableColor();
  const args = reorderGlobalOptions(withoutNoColor);
  let code = 0;
  try {
    const {tryFastPath} = await import('./lib/cli/fast-path.js');
    const fast = await tryFastPath(args);
    if (fast !== undefined) code = fast;
    else {
      const {run} = await import('@oclif/core');
      await run(args, isKubectlPlugin() ? kubectlPluginLoadOptions(new URL('..', import.meta.url)) : import.meta.url);
    }
  } catch (err) {
    code = reportError(err, args, await colorFor(process.stderr));
  }
  // A large write to a full pipe is queued by libuv; exiting before it drains would cut the output.
  await Promise.all([drained(process.stdout), drained(process.stderr)]);
  // Open handles (etcd channels, timers) must never keep the CLI alive after its work is done.
  process.exit(code || (typeof process.exitCode === 'number' ? process.exitCode : 0));
}
