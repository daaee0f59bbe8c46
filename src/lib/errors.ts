// Errors the CLI prints as plain one-line (or calicoctl-shaped multi-line) messages with a chosen exit code.
// The library throws these; src/main.ts prints them. Never a stack trace for an expected failure.

/** An error whose message is exactly what the user sees. */
export class CliError extends Error {
  readonly exitCode: number;
  /** calicoctl prints a few failures on stdout (e.g. `Failed to create Calico API client: ...`). */
  readonly stream: 'stdout' | 'stderr';

  constructor(message: string, opts: {exitCode?: number; stream?: 'stdout' | 'stderr'} = {}) {
    super(message);
    this.name = 'CliError';
    this.exitCode = opts.exitCode ?? 1;
    this.stream = opts.stream ?? 'stderr';
  }
}

/** Ends the command with an exit code after output was already written (no message). */
export class ExitCode extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = 'ExitCode';
  }
}

/** Best-effort one-line text for anything thrown, including non-Error values. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
