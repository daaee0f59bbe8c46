// `-f FILE|DIR|-` input exactly as calicoctl reads it: a directory is walked in lexical order (Go's
// filepath.Walk: lstat, so symlinked directories are not followed; sub-directories only with -R), only
// `.yaml`/`.yml`/`.json` names (lower-cased) are read from it, a file given directly is read whatever its
// name. Every file is parsed before anything else happens, and the first problem aborts everything.
import {closeSync, lstatSync, openSync, readdirSync, readSync, statSync} from 'node:fs';
import {extname, join} from 'node:path';
import {CliError} from '../errors.js';
import {decodeDocument, ManifestError} from './decode.js';
import {DocumentSplitter, DocumentTooLongError, type RawDocument} from './split.js';
import type {ManifestRecord} from './types.js';

export interface ReadOptions {
  recursive?: boolean;
  /** Do not fail on files/directories without resources (calicoctl --skip-empty). */
  skipEmpty?: boolean;
  /** Source of `-f -` (defaults to process.stdin). */
  stdin?: AsyncIterable<Buffer | string>;
}

const READ_CHUNK = 1024 * 1024;
const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** Go's wording for the system errors users can hit. */
const ERRNO_TEXT: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  ELOOP: 'too many levels of symbolic links',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
};

function sysError(op: string, path: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code ?? '';
  return `${op} ${path}: ${ERRNO_TEXT[code] ?? (err instanceof Error ? err.message : String(err))}`;
}

/** calicoctl prints input problems as `failed to execute command: ...`, except unknown fields (§1.4). */
function fileFailure(reason: string): CliError {
  const unknown = /field in document is not recognized or is in the wrong location: .*/.exec(reason);
  if (unknown && !reason.startsWith('field in document')) {
    const location = reason.slice(0, unknown.index);
    return new CliError(`${unknown[0]} (${location.replace(/: $/, '')})`);
  }
  return new CliError(`failed to execute command: ${reason}`);
}

function fromManifestError(err: unknown): CliError {
  if (err instanceof ManifestError) return fileFailure(err.message);
  throw err;
}

class RecordCollector {
  readonly records: ManifestRecord[] = [];
  constructor(private readonly file: string) {}

  add(docs: RawDocument[]): void {
    for (const doc of docs) {
      const text = decodeUtf8(doc.bytes, this.file, doc.line);
      try {
        this.records.push(...decodeDocument(text, {file: this.file, line: doc.line}));
      } catch (err) {
        throw fromManifestError(err);
      }
    }
  }
}

const utf8 = new TextDecoder('utf-8', {fatal: true});

function decodeUtf8(bytes: Buffer, file: string, line: number): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw fileFailure(`${file}:${line}: yaml: invalid UTF-8 in document (binary data?)`);
  }
}

function readFileRecords(path: string): ManifestRecord[] {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    throw fileFailure(sysError('open', path, err));
  }
  const collector = new RecordCollector(path);
  const splitter = new DocumentSplitter();
  try {
    for (;;) {
      const chunk = Buffer.allocUnsafe(READ_CHUNK);
      let n: number;
      try {
        n = readSync(fd, chunk, 0, READ_CHUNK, null);
      } catch (err) {
        throw fileFailure(sysError('read', path, err));
      }
      if (n === 0) break;
      collector.add(splitter.push(chunk.subarray(0, n)));
    }
    collector.add(splitter.end());
  } catch (err) {
    if (err instanceof DocumentTooLongError) throw fileFailure(err.message);
    throw err;
  } finally {
    closeSync(fd);
  }
  return collector.records;
}

async function readStdinRecords(source: AsyncIterable<Buffer | string>): Promise<ManifestRecord[]> {
  const collector = new RecordCollector('-');
  const splitter = new DocumentSplitter();
  try {
    for await (const chunk of source) collector.add(splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk));
    collector.add(splitter.end());
  } catch (err) {
    if (err instanceof DocumentTooLongError) throw fileFailure(err.message);
    throw err;
  }
  return collector.records;
}

/** Lists the files calicoctl would read from a directory, in its order. */
export function walkManifestFiles(root: string, recursive: boolean): string[] {
  const files: string[] = [];
  const visit = (path: string, isRoot: boolean): void => {
    let info;
    try {
      info = lstatSync(path);
    } catch (err) {
      throw new CliError(sysError('lstat', path, err));
    }
    if (info.isDirectory()) {
      // filepath.Walk lists a directory before asking whether to skip it, so an unreadable
      // sub-directory fails even without -R.
      let names: string[];
      try {
        names = readdirSync(path);
      } catch (err) {
        throw new CliError(sysError('open', path, err));
      }
      if (!isRoot && !recursive) return;
      names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      for (const name of names) visit(join(path, name), false);
      return;
    }
    if (MANIFEST_EXTENSIONS.has(extname(path).toLowerCase())) files.push(path);
  };
  visit(root, true);
  return files;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Reads every resource named by `-f` (file, directory or `-`). Throws CliError with calicoctl's text for
 * unreadable input, syntax errors, unknown kinds and (unless skipEmpty) empty input.
 */
export async function readManifests(filename: string, opts: ReadOptions = {}): Promise<ManifestRecord[]> {
  const errorOnEmpty = !opts.skipEmpty;
  if (filename === '-') {
    const records = await readStdinRecords(opts.stdin ?? (process.stdin as AsyncIterable<Buffer>));
    if (records.length === 0 && errorOnEmpty) throw new CliError('no resources specified in file -');
    return records;
  }
  if (!isDirectory(filename)) {
    const records = readFileRecords(filename);
    if (records.length === 0 && errorOnEmpty) throw new CliError(`no resources specified in file ${filename}`);
    return records;
  }
  const records: ManifestRecord[] = [];
  for (const file of walkManifestFiles(filename, !!opts.recursive)) {
    const fileRecords = readFileRecords(file);
    if (fileRecords.length === 0 && errorOnEmpty) throw new CliError(`no resources specified in file ${file}`);
    records.push(...fileRecords);
  }
  if (records.length === 0 && errorOnEmpty) throw new CliError(`no resources specified in directory ${filename}`);
  return records;
}
