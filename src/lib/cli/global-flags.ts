import {CliError} from '../errors.js';
import {LOG_LEVELS, parseLogLevel, setLogLevel} from '../log.js';

/** Applies --log-level and --context; shared by the oclif base command and the fast path. */
export function applyGlobalFlags(flags: Readonly<Record<string, unknown>>): void {
  const raw = String(flags['log-level'] ?? 'panic');
  const level = parseLogLevel(raw);
  if (!level) throw new CliError(`unknown log level: ${raw}, expected one of: ${LOG_LEVELS.join(', ')}`);
  setLogLevel(level);
  if (flags.context) process.env.K8S_CURRENT_CONTEXT = String(flags.context);
}
