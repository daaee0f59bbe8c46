// A one-line progress counter on stderr for long bulk operations (apply -f DIR, migrate import, ipam
// check). Drawn only when stderr is a terminal, so logs, pipes and CI never see it; it never touches stdout.
import type {Env} from './color.js';

export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

export interface ProgressOptions {
  /** Text before the counter, e.g. `Applying`. */
  label?: string;
  /** Where to draw (default process.stderr). */
  stream?: ProgressStream;
  /** Nothing is drawn before this much time has passed: quick operations show no flicker (default 300 ms). */
  delayMs?: number;
  /** Minimum time between two redraws (default 100 ms). */
  intervalMs?: number;
  /** Clock, for tests. */
  now?: () => number;
  env?: Env;
}

export interface Progress {
  /** Whether this reporter draws at all (stderr is a terminal). */
  readonly active: boolean;
  /** Counts `n` more items as done. */
  tick(n?: number): void;
  /** Sets the number of items done. */
  update(done: number): void;
  /** Erases the line; call once at the end, also on failure (a `finally`). */
  done(): void;
}

const CLEAR_LINE = '\r\u001b[K';

/** Whether progress may be drawn on `stream`: a terminal that is not TERM=dumb. */
export function progressEnabled(stream: {readonly isTTY?: boolean}, env: Env = process.env): boolean {
  return stream.isTTY === true && env.TERM !== 'dumb';
}

/** The counter text for `done` of `total` items. */
export function formatProgress(label: string, done: number, total: number): string {
  const pct = total > 0 ? Math.floor((Math.min(done, total) * 100) / total) : 100;
  return `${label ? label + ' ' : ''}${done}/${total} (${pct}%)`;
}

/** Starts a progress reporter for `total` items. */
export function progress(total: number, opts: ProgressOptions = {}): Progress {
  const stream = opts.stream ?? process.stderr;
  const label = opts.label ?? '';
  const now = opts.now ?? Date.now;
  const delayMs = opts.delayMs ?? 300;
  const intervalMs = opts.intervalMs ?? 100;
  const active = progressEnabled(stream, opts.env);
  const started = now();
  let count = 0;
  let drawn = false;
  let lastDraw = -Infinity;
  let finished = false;

  const draw = (force: boolean) => {
    if (!active || finished) return;
    const t = now();
    if (t - started < delayMs) return;
    if (!force && t - lastDraw < intervalMs) return;
    stream.write(CLEAR_LINE + formatProgress(label, count, total));
    drawn = true;
    lastDraw = t;
  };

  return {
    active,
    tick(n = 1) {
      count += n;
      draw(count >= total);
    },
    update(doneCount: number) {
      count = doneCount;
      draw(count >= total);
    },
    done() {
      if (finished) return;
      finished = true;
      if (drawn) stream.write(CLEAR_LINE);
    },
  };
}
