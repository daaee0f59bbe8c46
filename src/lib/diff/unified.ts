// Line-based unified diff (the `diff -u` format) with Myers' O(ND) shortest edit script. Inputs here are
// a few resources' YAML, so a dependency would buy nothing over these lines.
import type {Palette} from '../term/color.js';

export type EditOp = {type: 'equal' | 'delete' | 'insert'; line: string};

/** Splits text into lines without their newline; a final newline does not make an empty last line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The shortest edit script turning `a` into `b` (Myers 1986), deletions before insertions in a change. */
export function diffLines(a: readonly string[], b: readonly string[]): EditOp[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = max === 0;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // Walk the trace backwards from (n, m) to recover the path.
  const ops: EditOp[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[offset + k - 1] < vd[offset + k + 1]) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : vd[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      ops.push({type: 'equal', line: a[x]});
    }
    if (d > 0) {
      if (x === prevX) ops.push({type: 'insert', line: b[--y]});
      else ops.push({type: 'delete', line: a[--x]});
    }
  }
  ops.reverse();
  // Within each change, removed lines read better before added ones (as diff -u prints them).
  for (let i = 0; i < ops.length; ) {
    if (ops[i].type === 'equal') {
      i++;
      continue;
    }
    let j = i;
    while (j < ops.length && ops[j].type !== 'equal') j++;
    const change = ops.slice(i, j);
    ops.splice(i, j - i, ...change.filter((o) => o.type === 'delete'), ...change.filter((o) => o.type === 'insert'));
    i = j;
  }
  return ops;
}

export interface UnifiedDiffOptions {
  /** Header names (`--- from`, `+++ to`). */
  fromName: string;
  toName: string;
  /** Lines of context around each change (diff -u: 3). */
  context?: number;
}

function range(start: number, count: number): string {
  // diff -u: an empty side is `start-1,0`; a one-line side is just the line number.
  if (count === 0) return `${start - 1},0`;
  return count === 1 ? `${start}` : `${start},${count}`;
}

/** The unified diff of two texts; '' when they are equal. */
export function unifiedDiff(from: string, to: string, opts: UnifiedDiffOptions): string {
  const ops = diffLines(splitLines(from), splitLines(to));
  if (ops.every((o) => o.type === 'equal')) return '';
  const context = opts.context ?? 3;
  let text = `--- ${opts.fromName}\n+++ ${opts.toName}\n`;
  // Group changes whose context windows touch into hunks.
  let i = 0;
  while (i < ops.length) {
    while (i < ops.length && ops[i].type === 'equal') i++;
    if (i >= ops.length) break;
    let start = i;
    let equalsBefore = 0;
    while (start > 0 && ops[start - 1].type === 'equal' && equalsBefore < context) {
      start--;
      equalsBefore++;
    }
    let end = i;
    for (;;) {
      while (end < ops.length && ops[end].type !== 'equal') end++;
      let run = 0;
      while (end + run < ops.length && ops[end + run].type === 'equal') run++;
      if (end + run >= ops.length || run > 2 * context) {
        end += Math.min(run, context);
        break;
      }
      end += run;
    }
    let aLine = 1;
    let bLine = 1;
    for (let j = 0; j < start; j++) {
      if (ops[j].type !== 'insert') aLine++;
      if (ops[j].type !== 'delete') bLine++;
    }
    const hunk = ops.slice(start, end);
    const aCount = hunk.filter((o) => o.type !== 'insert').length;
    const bCount = hunk.filter((o) => o.type !== 'delete').length;
    text += `@@ -${range(aLine, aCount)} +${range(bLine, bCount)} @@\n`;
    for (const o of hunk) text += (o.type === 'equal' ? ' ' : o.type === 'delete' ? '-' : '+') + o.line + '\n';
    i = end;
  }
  return text;
}

/** Colours a unified diff line by line (headers bold, hunk ranges cyan, removals red, additions green). */
export function colorizeDiff(text: string, palette: Palette): string {
  if (!palette.enabled) return text;
  return text
    .split('\n')
    .map((line) => {
      if (line.startsWith('--- ') || line.startsWith('+++ ')) return palette.bold(line);
      if (line.startsWith('@@')) return palette.cyan(line);
      if (line.startsWith('-')) return palette.red(line);
      if (line.startsWith('+')) return palette.green(line);
      return line;
    })
    .join('\n');
}
