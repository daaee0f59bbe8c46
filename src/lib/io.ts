// The only place that writes to the process streams, so library code stays testable and commands thin.
// On Linux, writes to pipes, files and TTYs are synchronous, so exiting right after a write loses nothing.

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

export const processOutput: Output = {
  out: (text) => {
    process.stdout.write(text);
  },
  err: (text) => {
    process.stderr.write(text);
  },
};

/** Collects output in memory (unit tests, and commands that must decide before printing). */
export class BufferOutput implements Output {
  stdout = '';
  stderr = '';
  out(text: string): void {
    this.stdout += text;
  }
  err(text: string): void {
    this.stderr += text;
  }
}
