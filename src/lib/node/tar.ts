// A minimal ustar + gzip writer for the diagnostics bundle, so `node diags` needs neither tar nor gzip.
import {readdirSync, readFileSync, lstatSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {gzipSync} from 'node:zlib';

const BLOCK = 512;

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

/** Splits a path into ustar's prefix (<=155) and name (<=100) fields; undefined if it cannot fit. */
function splitName(path: string): [string, string] | undefined {
  if (Buffer.byteLength(path) <= 100) return ['', path];
  for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100) return [prefix, name];
  }
  return undefined;
}

function header(path: string, size: number, mode: number, mtime: number, type: '0' | '5'): Buffer | undefined {
  const split = splitName(path);
  if (!split) return undefined;
  const h = Buffer.alloc(BLOCK);
  h.write(split[1], 0);
  h.write(octal(mode & 0o7777, 8), 100);
  h.write(octal(0, 8), 108);
  h.write(octal(0, 8), 116);
  h.write(octal(size, 12), 124);
  h.write(octal(Math.floor(mtime), 12), 136);
  h.write('        ', 148); // checksum is computed with this field as spaces
  h.write(type, 156);
  h.write('ustar\0' + '00', 257);
  h.write(split[0], 345);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(octal(sum, 7) + ' ', 148);
  return h;
}

/**
 * Writes `baseDir/dirName` (recursively) as a .tar.gz at `outFile`, paths relative to baseDir.
 * Returns the paths that could not be stored (too long for ustar, unreadable, or not regular files).
 */
export function writeTarGz(baseDir: string, dirName: string, outFile: string): string[] {
  const chunks: Buffer[] = [];
  const skipped: string[] = [];
  const walk = (rel: string): void => {
    const abs = join(baseDir, rel);
    let st;
    try {
      st = lstatSync(abs);
    } catch {
      skipped.push(rel);
      return;
    }
    if (st.isDirectory()) {
      const h = header(rel + '/', 0, st.mode, st.mtimeMs / 1000, '5');
      if (!h) {
        skipped.push(rel);
        return;
      }
      chunks.push(h);
      for (const name of readdirSync(abs).sort()) walk(`${rel}/${name}`);
      return;
    }
    if (!st.isFile()) {
      skipped.push(rel);
      return;
    }
    let data: Buffer;
    try {
      data = readFileSync(abs);
    } catch {
      skipped.push(rel);
      return;
    }
    const h = header(rel, data.length, st.mode, st.mtimeMs / 1000, '0');
    if (!h) {
      skipped.push(rel);
      return;
    }
    chunks.push(h, data, Buffer.alloc((BLOCK - (data.length % BLOCK)) % BLOCK));
  };
  walk(dirName);
  chunks.push(Buffer.alloc(BLOCK * 2));
  writeFileSync(outFile, gzipSync(Buffer.concat(chunks)));
  return skipped;
}
