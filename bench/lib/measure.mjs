// Measuring helpers shared by the benchmarks: wall time of a whole process (start included, as users see
// it), the median, and numeric command-line options.
import {spawnSync} from 'node:child_process';

/** Runs a process to completion; returns its wall time in milliseconds and its result. */
export function timeProcess(cmd, args, {cwd, env = process.env, maxBuffer = 1 << 30} = {}) {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, {cwd, env, encoding: 'utf8', maxBuffer});
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return {ms, status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? ''};
}

/** The median (mean of the two middle values for an even count). */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** `--name N` from argv as a number, else the default. */
export function argNumber(name, dflt) {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
}
