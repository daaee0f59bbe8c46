// When to colour, and the palette other modules colour with. chalk 5 does not honour NO_COLOR (and reads
// FORCE_COLOR and --no-color only at import time), so the decision is ours and chalk only draws.
// chalk is loaded lazily, and only when colour is on: a non-interactive run never pays for it.

/** What the decision looks at in a stream: only whether it is a terminal. */
export interface StreamLike {
  readonly isTTY?: boolean;
}

export type Env = Readonly<Record<string, string | undefined>>;

/** A colour function per role; all are the identity when colour is off. */
export interface Palette {
  readonly enabled: boolean;
  /** Error prefixes, removed lines. */
  red(text: string): string;
  /** Added lines. */
  green(text: string): string;
  /** Warnings. */
  yellow(text: string): string;
  /** Diff hunk headers. */
  cyan(text: string): string;
  /** Headings. */
  bold(text: string): string;
  dim(text: string): string;
}

const identity = (text: string) => text;

/** The palette used whenever colour is off. */
export const PLAIN: Palette = Object.freeze({
  enabled: false,
  red: identity,
  green: identity,
  yellow: identity,
  cyan: identity,
  bold: identity,
  dim: identity,
});

let disabledByFlag = false;

/**
 * Turns colour off for the whole process (`--no-color`). Also sets NO_COLOR and clears FORCE_COLOR so
 * libraries with their own detection (oclif's help colours) agree.
 */
export function disableColor(): void {
  disabledByFlag = true;
  process.env.NO_COLOR = '1';
  delete process.env.FORCE_COLOR;
}

/**
 * Whether to colour what is written to `stream`, in this order: `--no-color`; NO_COLOR set and not empty
 * (no-color.org); FORCE_COLOR (`0`/`false` off, anything else on, even when not a terminal); TERM=dumb;
 * otherwise only when the stream is a terminal.
 */
export function colorEnabled(stream: StreamLike, env: Env = process.env): boolean {
  if (disabledByFlag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !(force === '0' || force.toLowerCase() === 'false');
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

/** The palette for one stream (stdout and stderr are decided separately: one may be a pipe). */
export async function colorFor(stream: StreamLike, env: Env = process.env): Promise<Palette> {
  if (!colorEnabled(stream, env)) return PLAIN;
  const {Chalk} = await import('chalk');
  // Level 1 (the 16 basic colours) is all we draw, and gives the same bytes on every terminal.
  const c = new Chalk({level: 1});
  return Object.freeze({
    enabled: true,
    red: (t: string) => c.red(t),
    green: (t: string) => c.green(t),
    yellow: (t: string) => c.yellow(t),
    cyan: (t: string) => c.cyan(t),
    bold: (t: string) => c.bold(t),
    dim: (t: string) => c.dim(t),
  });
}

/**
 * Colours the prefix of an error message (up to and including the first `: ` of its first line, or the
 * whole first line when it has none) in bold red. The rest stays as it is, so the text reads the same.
 */
export function paintErrorPrefix(message: string, palette: Palette): string {
  if (!palette.enabled || message === '') return message;
  const lineEnd = message.indexOf('\n');
  const firstLine = lineEnd < 0 ? message : message.slice(0, lineEnd);
  const colon = firstLine.indexOf(': ');
  const prefixEnd = colon < 0 ? firstLine.length : colon + 1;
  return palette.bold(palette.red(message.slice(0, prefixEnd))) + message.slice(prefixEnd);
}

/** Removes SGR colour sequences (for comparing coloured output with plain text). */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

/** The global flag every command accepts; removed from argv before parsing (see extractNoColor). */
export const NO_COLOR_FLAG = '--no-color';

/** Removes every `--no-color` before a `--` and says whether there was one. */
export function extractNoColor(argv: readonly string[]): {argv: string[]; noColor: boolean} {
  const end = argv.indexOf('--');
  const head = end < 0 ? argv : argv.slice(0, end);
  const kept = head.filter((a) => a !== NO_COLOR_FLAG);
  if (kept.length === head.length) return {argv: [...argv], noColor: false};
  return {argv: end < 0 ? kept : [...kept, ...argv.slice(end)], noColor: true};
}
