import type {Output} from '../io.js';

/** What a command's library implementation receives: parsed flags and positional arguments, no oclif. */
export interface CommandInput {
  /** Flags by long name (e.g. `filename`, `skip-empty`), defaults applied. */
  readonly flags: Readonly<Record<string, any>>;
  /** Named positional arguments as declared by the command. */
  readonly args: Readonly<Record<string, string | undefined>>;
  /** All positional arguments in order (for commands taking NAME...). */
  readonly argv: readonly string[];
  readonly out: Output;
}

/** A command implementation; resolves to the exit code (undefined = 0). Throws CliError to fail. */
export type CommandAction = (input: CommandInput) => Promise<number | void>;
