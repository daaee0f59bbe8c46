// Splits a byte stream into documents exactly like calicoctl's YAML document separator (a bufio.Scanner
// with a 10 MiB token limit): a document ends at "\n---" and the rest of that line is dropped, so any line
// starting with `---` (`--- # x`, `----`) separates; a `---` on the very first line is left to the YAML
// parser. Quirk kept on purpose: a final "\n---..." line without a newline after it makes the scanner
// stop and silently drop the data it was holding.

/** bufio.Scanner buffer limit used by calicoctl. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export interface RawDocument {
  bytes: Buffer;
  /** 1-based line of the document's first byte in the input. */
  line: number;
}

export class DocumentTooLongError extends Error {
  constructor() {
    super('bufio.Scanner: token too long');
  }
}

const SEPARATOR = Buffer.from('\n---');
const NEWLINE = 10;

function countNewlines(buf: Buffer, start: number, end: number): number {
  let n = 0;
  for (let i = buf.indexOf(NEWLINE, start); i >= 0 && i < end; i = buf.indexOf(NEWLINE, i + 1)) n++;
  return n;
}

export class DocumentSplitter {
  private pending: Buffer = Buffer.alloc(0);
  private line = 1;
  /** Where the next search for a separator may start (no separator starts before it). */
  private searchFrom = 0;

  constructor(private readonly maxBytes = MAX_DOCUMENT_BYTES) {}

  /** Adds input; returns the documents completed by it. Throws DocumentTooLongError. */
  push(chunk: Buffer): RawDocument[] {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const docs: RawDocument[] = [];
    for (;;) {
      const sep = this.pending.indexOf(SEPARATOR, this.searchFrom);
      if (sep < 0) {
        this.searchFrom = Math.max(0, this.pending.length - SEPARATOR.length + 1);
        break;
      }
      const eol = this.pending.indexOf(NEWLINE, sep + SEPARATOR.length);
      if (eol < 0) {
        this.searchFrom = sep;
        break;
      }
      docs.push({bytes: this.pending.subarray(0, sep), line: this.line});
      this.line += countNewlines(this.pending, 0, eol + 1);
      this.pending = this.pending.subarray(eol + 1);
      this.searchFrom = 0;
    }
    if (this.pending.length >= this.maxBytes) throw new DocumentTooLongError();
    return docs;
  }

  /** Ends the input; returns the last document, if any. */
  end(): RawDocument[] {
    const rest = this.pending;
    this.pending = Buffer.alloc(0);
    if (rest.length === 0) return [];
    const sep = rest.indexOf(SEPARATOR);
    if (sep < 0) return [{bytes: rest, line: this.line}];
    // "\n---" with nothing after it ends the last document; with text but no newline the scanner gives up.
    if (sep + SEPARATOR.length === rest.length) return [{bytes: rest.subarray(0, sep), line: this.line}];
    return [];
  }
}

/** Splits a whole buffer (convenience for tests and in-memory input). */
export function splitDocuments(input: Buffer, maxBytes = MAX_DOCUMENT_BYTES): RawDocument[] {
  const s = new DocumentSplitter(maxBytes);
  return [...s.push(input), ...s.end()];
}
