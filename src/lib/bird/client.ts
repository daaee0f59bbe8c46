// Speaks BIRD's control-socket protocol directly (no birdc): one command per line, replies framed by
// four-digit codes. Every read is bounded by a timeout so a wedged daemon can never hang the CLI.
import {createConnection, type Socket} from 'node:net';

/** One line of a reply: its code (continuation lines inherit the previous code) and its text. */
export interface BirdLine {
  code: string;
  text: string;
}

export interface BirdReply {
  command: string;
  /** Code of the final line (`0000` for table replies, `8xxx`/`9xxx` for errors). */
  code: string;
  lines: BirdLine[];
}

export interface BirdSession {
  /** Greeting text, e.g. `BIRD 1.6.8 ready.` */
  greeting: string;
  replies: BirdReply[];
}

/** The socket could not be reached or stopped answering; `code` is the errno name or `ETIMEDOUT`. */
export class BirdSocketError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly path: string,
    /** True when the connection itself failed (missing, stale or forbidden socket): try the next path. */
    readonly duringConnect = false,
  ) {
    super(message);
    this.name = 'BirdSocketError';
  }
}

export const DEFAULT_READ_TIMEOUT_MS = 2000;
/** Bounds on one session, whatever the socket sends: total bytes and total time. */
const MAX_SESSION_BYTES = 8 * 1024 * 1024;
const MAX_SESSION_MS = 10_000;

const CODED_LINE = /^(\d{4})([ -])(.*)$/;

/** True for replies that carry an error rather than data. */
export function isErrorCode(code: string): boolean {
  return code[0] === '8' || code[0] === '9';
}

/** A line that fits none of BIRD's four line forms. */
export class BirdFramingError extends Error {
  constructor(readonly line: string) {
    super(`unexpected output line from BIRD: ${JSON.stringify(line)}`);
    this.name = 'BirdFramingError';
  }
}

/**
 * Splits the byte stream into replies. Line forms: `DDDD-text` (more follows), `DDDD text` (last line of
 * the reply), ` text` (continuation, inherits the previous code), `+text` (spontaneous, skipped).
 */
export class BirdFramer {
  private buffered = '';
  private current: BirdLine[] = [];
  private lastCode = '';

  /** Feeds a chunk; returns the replies it completed, each as its lines plus final code. */
  push(chunk: string): {code: string; lines: BirdLine[]}[] {
    this.buffered += chunk;
    const done: {code: string; lines: BirdLine[]}[] = [];
    let nl: number;
    while ((nl = this.buffered.indexOf('\n')) >= 0) {
      const line = this.buffered.slice(0, nl).replace(/\r$/, '');
      this.buffered = this.buffered.slice(nl + 1);
      if (line.startsWith('+')) continue;
      const m = CODED_LINE.exec(line);
      let text: string;
      let last = false;
      if (m) {
        this.lastCode = m[1];
        last = m[2] === ' ';
        text = m[3];
      } else if (line.startsWith(' ') && this.lastCode) {
        text = line.slice(1);
      } else {
        throw new BirdFramingError(line);
      }
      this.current.push({code: this.lastCode, text});
      if (last) {
        done.push({code: this.lastCode, lines: this.current});
        this.current = [];
        this.lastCode = '';
      }
    }
    return done;
  }
}

/**
 * Connects to a BIRD control socket and sends `commands` at once; reads the greeting and one reply each.
 * Resolves with every reply; rejects with BirdSocketError (connect/read failure, timeout, bad framing).
 * Error replies (8xxx/9xxx) are returned, not thrown: the caller decides what they mean.
 */
export function birdQuery(path: string, commands: readonly string[], readTimeoutMs = DEFAULT_READ_TIMEOUT_MS): Promise<BirdSession> {
  return new Promise((resolve, reject) => {
    const sock: Socket = createConnection({path});
    const framer = new BirdFramer();
    const replies: BirdReply[] = [];
    let greeting: string | undefined;
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    let connected = false;

    const finish = (err?: BirdSocketError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(sessionTimer);
      sock.destroy();
      if (err) reject(err);
      else resolve({greeting: greeting ?? '', replies});
    };
    const armTimer = (): void => {
      clearTimeout(timer);
      timer = setTimeout(
        () => finish(new BirdSocketError(`no reply from BIRD within ${readTimeoutMs / 1000}s`, 'ETIMEDOUT', path)),
        readTimeoutMs,
      );
    };
    armTimer();
    // The idle timer restarts on every chunk, so an endless or trickling reply needs these bounds too.
    let received = 0;
    const sessionTimer = setTimeout(
      () => finish(new BirdSocketError(`BIRD did not finish replying within ${MAX_SESSION_MS / 1000}s`, 'ETIMEDOUT', path)),
      Math.max(MAX_SESSION_MS, readTimeoutMs),
    );
    sock.once('close', () => clearTimeout(sessionTimer));
    sock.setEncoding('utf8');
    sock.on('data', (chunk: string) => {
      armTimer();
      received += chunk.length;
      if (received > MAX_SESSION_BYTES) {
        finish(new BirdSocketError(`reply from BIRD exceeds ${MAX_SESSION_BYTES / 1024 / 1024} MiB`, 'EMSGSIZE', path));
        return;
      }
      let completed;
      try {
        completed = framer.push(chunk);
      } catch (err) {
        finish(new BirdSocketError((err as Error).message, 'EPROTO', path));
        return;
      }
      for (const r of completed) {
        if (greeting === undefined) greeting = r.lines[r.lines.length - 1].text;
        else replies.push({command: commands[replies.length], ...r});
        if (replies.length === commands.length) return finish();
      }
    });
    sock.on('connect', () => {
      connected = true;
      // BIRD answers pipelined commands in order, greeting first: one round trip instead of two per command.
      if (commands.length > 0) sock.write(commands.map((c) => c + '\n').join(''));
    });
    sock.on('error', (err: NodeJS.ErrnoException) =>
      finish(new BirdSocketError(connected ? `error reading from BIRD: ${err.message}` : socketErrorText(path, err), err.code ?? 'EIO', path, !connected)),
    );
    sock.on('close', () => finish(new BirdSocketError('BIRD closed the connection before replying', 'ECONNRESET', path)));
  });
}

const ERRNO_TEXT: Record<string, string> = {
  ENOENT: 'no such file or directory',
  ECONNREFUSED: 'connection refused',
  EACCES: 'permission denied',
  ENOTSOCK: 'socket operation on non-socket',
  ECONNRESET: 'connection reset by peer',
  EPIPE: 'broken pipe',
};

/** Go's net.Dial wording (`dial unix PATH: connect: no such file or directory`), which calicoctl prints. */
export function socketErrorText(path: string, err: NodeJS.ErrnoException): string {
  const reason = (err.code && ERRNO_TEXT[err.code]) ?? err.message;
  return `dial unix ${path}: connect: ${reason}`;
}

/** BIRD major version from the greeting (`BIRD 1.6.8 ready.`, Calico's `BIRD v0.3.3+birdv1.6.8 ready.`). */
export function birdMajorVersion(greeting: string): number | undefined {
  const calico = /\+birdv(\d+)\./.exec(greeting);
  if (calico) return Number(calico[1]);
  const plain = /^BIRD v?(\d+)\./.exec(greeting);
  return plain ? Number(plain[1]) : undefined;
}
