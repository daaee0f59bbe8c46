// The bordered table calicoctl v3.32 prints for `node status` (olekukonko/tablewriter v0.0.5 defaults):
// upper-cased centred headers, cells wrapped at 30 columns with minimum raggedness, numbers right-aligned.
// Kept here rather than using cli-table3 so `node status` loads nothing but node built-ins (start-up budget).

const MAX_CELL_WIDTH = 30;
const DECIMAL = /^-?(?:\d{1,3}(?:,\d{3})*|\d+)(?:\.\d+)?$/;

/** Splits text into lines of at most `limit` columns, minimising the squared slack of all but the last line. */
export function wrapWords(text: string, limit: number): string[] {
  const words = text.replace(/\n/g, ' ').split(' ');
  for (const w of words) limit = Math.max(limit, w.length);
  const n = words.length;
  const lineWidth = (i: number, j: number): number => {
    let w = words[i].length;
    for (let k = i + 1; k <= j; k++) w += 1 + words[k].length;
    return w;
  };
  const breakAt = new Array<number>(n).fill(n);
  const cost = new Array<number>(n).fill(Number.MAX_SAFE_INTEGER);
  for (let i = n - 1; i >= 0; i--) {
    if (lineWidth(i, n - 1) <= limit) {
      cost[i] = 0;
      breakAt[i] = n;
      continue;
    }
    for (let j = i + 1; j < n; j++) {
      const width = lineWidth(i, j - 1);
      const slack = limit - width;
      let c = slack * slack + cost[j];
      if (width > limit) c += 100000;
      if (c < cost[i]) {
        cost[i] = c;
        breakAt[i] = j;
      }
    }
  }
  const lines: string[] = [];
  for (let i = 0; i < n; i = breakAt[i]) lines.push(words.slice(i, breakAt[i]).join(' '));
  return lines;
}

function cellLines(text: string): {lines: string[]; width: number} {
  const paragraphs = text.split('\n');
  let width = Math.min(Math.max(...paragraphs.map((p) => p.length)), MAX_CELL_WIDTH);
  const lines: string[] = [];
  paragraphs.forEach((p, i) => {
    const wrapped = wrapWords(p, width);
    if (i > 0) lines.push(' ');
    lines.push(...wrapped);
  });
  width = Math.max(width, ...lines.map((l) => l.length));
  return {lines, width};
}

function title(header: string): string {
  const t = header.replace(/_/g, ' ').trim();
  return (t === '' && header !== '' ? ' ' : t).toUpperCase();
}

function center(s: string, width: number): string {
  const gap = width - s.length;
  if (gap <= 0) return s;
  const left = Math.floor(gap / 2);
  return ' '.repeat(left) + s + ' '.repeat(gap - left);
}

/** Renders headers and rows as calicoctl's bordered ASCII table, ending with a newline. */
export function renderBoxTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const head = headers.map(cellLines);
  const body = rows.map((r) => r.map(cellLines));
  const widths = headers.map((_, c) => Math.max(head[c].width, ...body.map((r) => r[c].width)));
  const rule = '+' + widths.map((w) => '-'.repeat(w + 2)).join('+') + '+\n';
  let out = rule;
  const headHeight = Math.max(...head.map((h) => h.lines.length));
  for (let l = 0; l < headHeight; l++) {
    out += '|' + head.map((h, c) => ` ${center(title(h.lines[l] ?? ''), widths[c])} |`).join('') + '\n';
  }
  out += rule;
  for (const row of body) {
    const height = Math.max(...row.map((cell) => cell.lines.length));
    for (let l = 0; l < height; l++) {
      out +=
        '|' +
        row
          .map((cell, c) => {
            const s = cell.lines[l] ?? '';
            return ' ' + (DECIMAL.test(s.trim()) ? s.padStart(widths[c]) : s.padEnd(widths[c])) + ' |';
          })
          .join('') +
        '\n';
    }
  }
  return out + rule;
}
