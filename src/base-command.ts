// Shared flags and the one generic run(): every command is declarative (flags, args, help) and its
// behaviour lives in the library action registered under its id in src/lib/cli/actions.ts.
import {Command, Flags, Interfaces} from '@oclif/core';
import {ExitCode} from './lib/errors.js';
import {ACTIONS} from './lib/cli/actions.js';
import {applyGlobalFlags} from './lib/cli/global-flags.js';
import {processOutput} from './lib/io.js';

export type CommandFlags<T extends typeof Command> = Interfaces.InferredFlags<(typeof BaseCommand)['baseFlags'] & T['flags']>;
export type CommandArgs<T extends typeof Command> = Interfaces.InferredArgs<T['args']>;

export abstract class BaseCommand<T extends typeof Command> extends Command {
  static baseFlags = {
    'log-level': Flags.string({
      char: 'l',
      summary: 'Set the log level (one of panic, fatal, error, warn, info, debug).',
      default: 'panic',
      helpGroup: 'GLOBAL',
    }),
    context: Flags.string({
      summary: 'The name of the kubeconfig context to use (kubernetes datastore only; accepted for compatibility).',
      helpGroup: 'GLOBAL',
    }),
    timeout: Flags.string({
      summary: 'Bound on every etcd request, e.g. 5s or 500ms (default 10s; also CALICOCTL_TIMEOUT).',
      helpGroup: 'GLOBAL',
    }),
    'allow-version-mismatch': Flags.boolean({
      summary: 'Allow client and cluster versions mismatch.',
      default: false,
      helpGroup: 'GLOBAL',
    }),
  };

  protected flags!: CommandFlags<T>;
  protected args!: CommandArgs<T>;
  protected positional: string[] = [];

  public async init(): Promise<void> {
    await super.init();
    const {args, flags, argv} = await this.parse({
      flags: this.ctor.flags,
      baseFlags: (super.ctor as typeof BaseCommand).baseFlags,
      args: this.ctor.args,
      strict: this.ctor.strict,
    });
    this.flags = flags as CommandFlags<T>;
    this.args = args as CommandArgs<T>;
    this.positional = argv as string[];
    await applyGlobalFlags(this.flags);
  }

  async run(): Promise<void> {
    const action = await ACTIONS[this.id ?? '']();
    const code = await action({
      flags: this.flags as Record<string, unknown>,
      args: this.args as Record<string, string | undefined>,
      argv: this.positional,
      out: processOutput,
    });
    if (code) throw new ExitCode(code);
  }

  // Errors propagate to src/main.ts, which prints them the calicoctl way.
  protected async catch(err: Error & {exitCode?: number}): Promise<unknown> {
    throw err;
  }
}
