// Bordered ASCII tables with the look of released calicoctl (olekukonko/tablewriter v0.0.5 defaults), for
// `ipam show`, `node status` and similar: `+ - |` borders, one space of padding, header upper-cased and
// centred (odd space on the right), numeric cells right-aligned, others left-aligned, cells word-wrapped at
// 30 columns with tablewriter's minimum-raggedness algorithm. Rendering is cli-table3 with colours off.
import Table from 'cli-table3';

const WRAP_WIDTH = 30;
const WRAP_PENALTY = 1e5;
/** tablewriter's "is a number" test for right alignment. */
const NUMERIC = /^-*\d*\.?\d*$/;

const ASCII_CHARS = {
  top: '-', 'top-mid': '+', 'top-left': '+', 'top-right': '+',
  bottom: '-', 'bottom-mid': '+', 'bottom-left': '+', 'bottom-right': '+',
  left: '|', 'left-mid': '+', mid: '-', 'mid-mid': '+', right: '|', 'right-mid': '+', middle: '|',
};

/** tablewriter WrapWords: breaks words into lines of at most `limit` columns, minimising raggedness. */
function wrapWords(words: string[], limit: number): string[][] {
  const n = words.length;
  const width = (i: number, j: number) => words.slice(i, j + 1).reduce((a, w) => a + w.length, 0) + (j - i);
  const nextBreak = new Array<number>(n).fill(n);
  const cost = new Array<number>(n).fill(2 ** 31 - 1);
  for (let i = n - 1; i >= 0; i--) {
    if (width(i, n - 1) <= limit) {
      cost[i] = 0;
      nextBreak[i] = n;
      continue;
    }
    for (let j = i + 1; j < n; j++) {
      const d = limit - width(i, j - 1);
      const c = d * d + cost[j] + (width(i, j - 1) > limit ? WRAP_PENALTY : 0);
      if (c < cost[i]) {
        cost[i] = c;
        nextBreak[i] = j;
      }
    }
  }
  const lines: string[][] = [];
  for (let i = 0; i < n; i = nextBreak[i]) lines.push(words.slice(i, nextBreak[i]));
  return lines;
}

/** tablewriter WrapString at 30 columns (a longer single word widens the limit). */
export function wrapCell(text: string): string {
  const words = text.replace(/\n/g, ' ').split(' ');
  const limit = Math.max(WRAP_WIDTH, ...words.map((w) => w.length));
  return wrapWords(words, limit)
    .map((l) => l.join(' '))
    .join('\n');
}

export interface BoxTableOptions {
  /** Per-column alignment override; default: numeric cells right, others left. */
  align?: readonly ('left' | 'right' | undefined)[];
}

/** Renders a released-calicoctl-style box table; ends with a newline. */
export function renderBoxTable(headers: readonly string[], rows: readonly (readonly string[])[], opts: BoxTableOptions = {}): string {
  const table = new Table({
    // cli-table3 accepts cell objects in head at runtime; its typings only declare strings.
    head: headers.map((h) => ({content: wrapCell(h.replace(/_/g, ' ').trim().toUpperCase()), hAlign: 'center'})) as unknown as string[],
    chars: ASCII_CHARS,
    style: {head: [], border: [], 'padding-left': 1, 'padding-right': 1, compact: true},
    wordWrap: false,
  });
  for (const row of rows) {
    table.push(
      row.map((cell, i) => ({
        content: wrapCell(cell),
        hAlign: opts.align?.[i] ?? (cell !== '' && NUMERIC.test(cell) ? ('right' as const) : ('left' as const)),
      })),
    );
  }
  const text = table.toString() + '\n';
  // tablewriter always draws the closing border; cli-table3 draws none under a header with no rows.
  return rows.length > 0 ? text : text + text.slice(0, text.indexOf('\n') + 1);
}
