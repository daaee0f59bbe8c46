// Bordered tables with the look of released calicoctl's `ipam show` (olekukonko/tablewriter v0.0.5
// defaults): `+-|` borders, header centred (odd space on the right) and upper-cased, numeric cells
// right-aligned, others left-aligned, cells re-flowed and word-wrapped at 30 columns.
// Local until the shared printer (src/lib/printers/box-table.ts) lands.

const MAX_WIDTH = 30;
const DECIMAL = /^-?(?:\d{1,3}(?:,\d{3})*|\d+)(?:\.\d+)?$/;

/** tablewriter's minimum-raggedness word wrap (WrapWords with penalty 1e5). */
function wrapWords(words: string[], limit: number): string[][] {
  const n = words.length;
  const len = (i: number, j: number) => words.slice(i, j + 1).reduce((a, w) => a + w.length, 0) + (j - i);
  const nbrk = new Array<number>(n).fill(0);
  const cost = new Array<number>(n).fill(2 ** 31 - 1);
  for (let i = n - 1; i >= 0; i--) {
    if (len(i, n - 1) <= limit) {
      cost[i] = 0;
      nbrk[i] = n;
      continue;
    }
    for (let j = i + 1; j < n; j++) {
      const d = limit - len(i, j - 1);
      let c = d * d + cost[j];
      if (len(i, j - 1) > limit) c += 1e5;
      if (c < cost[i]) {
        cost[i] = c;
        nbrk[i] = j;
      }
    }
  }
  const lines: string[][] = [];
  for (let i = 0; i < n; i = nbrk[i]) lines.push(words.slice(i, nbrk[i]));
  return lines;
}

function cellLines(text: string): string[] {
  const raw = text.split('\n');
  let width = Math.max(...raw.map((l) => l.length));
  if (width > MAX_WIDTH) width = MAX_WIDTH;
  const words = raw.join(' ').split(' ');
  const limit = Math.max(width, ...words.map((w) => w.length));
  return wrapWords(words, limit).map((l) => l.join(' '));
}

function title(h: string): string {
  return h.replace(/_/g, ' ').trim().toUpperCase() || (h.length > 0 ? ' ' : '');
}

/** Renders the table; every line ends with a newline. */
export function renderBoxTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const head = headers.map((h) => cellLines(h));
  const body = rows.map((r) => r.map((c) => cellLines(c)));
  const widths = headers.map((_, i) => Math.max(...head[i].map((l) => l.length), ...body.map((r) => Math.max(0, ...(r[i] ?? ['']).map((l) => l.length)))));
  const line = '+' + widths.map((w) => '-'.repeat(w + 2) + '+').join('') + '\n';
  let out = line;
  const headHeight = Math.max(...head.map((h) => h.length));
  for (let x = 0; x < headHeight; x++) {
    out += '|';
    widths.forEach((w, y) => {
      const h = title(head[y][x] ?? '');
      const gap = w - h.length;
      const left = gap > 0 ? Math.floor(gap / 2) : 0;
      out += ' ' + ' '.repeat(left) + h + ' '.repeat(Math.max(0, gap - left)) + ' |';
    });
    out += '\n';
  }
  out += line;
  for (const r of body) {
    const height = Math.max(...r.map((c) => c.length));
    for (let x = 0; x < height; x++) {
      out += '|';
      widths.forEach((w, y) => {
        const s = r[y]?.[x] ?? '  ';
        const pad = ' '.repeat(Math.max(0, w - s.length));
        out += ' ' + (DECIMAL.test(s.trim()) ? pad + s : s + pad) + ' |';
      });
      out += '\n';
    }
  }
  return out + line;
}
