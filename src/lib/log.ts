// A logrus-compatible text logger on stderr, driven by -l/--log-level (default `panic`: silent).

export const LOG_LEVELS = ['panic', 'fatal', 'error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
const ALIASES: Record<string, LogLevel> = {warning: 'warn', trace: 'debug'};

let current = 0; // index into LOG_LEVELS

/** Returns the normalised level or undefined when the text names no level. */
export function parseLogLevel(text: string): LogLevel | undefined {
  const l = text.toLowerCase();
  if ((LOG_LEVELS as readonly string[]).includes(l)) return l as LogLevel;
  return ALIASES[l];
}

export function setLogLevel(level: LogLevel): void {
  current = LOG_LEVELS.indexOf(level);
}

function emit(level: LogLevel, msg: string): void {
  if (LOG_LEVELS.indexOf(level) > current) return;
  const quoted = /[\s"=]/.test(msg) ? JSON.stringify(msg) : msg;
  process.stderr.write(`time="${new Date().toISOString()}" level=${level === 'warn' ? 'warning' : level} msg=${quoted}\n`);
}

export const log = {
  error: (msg: string) => emit('error', msg),
  warn: (msg: string) => emit('warn', msg),
  info: (msg: string) => emit('info', msg),
  debug: (msg: string) => emit('debug', msg),
  enabled: (level: LogLevel) => LOG_LEVELS.indexOf(level) <= current,
};
