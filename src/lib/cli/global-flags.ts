import {CliError} from '../errors.js';
import {LOG_LEVELS, parseLogLevel, setLogLevel} from '../log.js';

/** Applies --log-level, --context and --timeout; shared by the oclif base command and the fast path. */
export async function applyGlobalFlags(flags: Readonly<Record<string, unknown>>): Promise<void> {
  const raw = String(flags['log-level'] ?? 'panic');
  const level = parseLogLevel(raw);
  if (!level) throw new CliError(`unknown log level: ${raw}, expected one of: ${LOG_LEVELS.join(', ')}`);
  setLogLevel(level);
  if (flags.context) process.env.K8S_CURRENT_CONTEXT = String(flags.context);
  if (flags.timeout !== undefined) {
    // --timeout is the per-command form of CALICOCTL_TIMEOUT, which the etcd client reads.
    // Loaded only when needed: start-up time matters for every command (node status has a budget).
    const {parseDurationMs} = await import('../config/index.js');
    const ms = parseDurationMs(String(flags.timeout));
    if (ms === undefined || ms <= 0) throw new CliError(`invalid --timeout value: ${String(flags.timeout)} (expected a duration such as 10s or 500ms)`);
    process.env.CALICOCTL_TIMEOUT = `${ms}ms`;
  }
}
