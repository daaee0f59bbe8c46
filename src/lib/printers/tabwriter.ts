// Go text/tabwriter as calicoctl configures it for `get -o ps|wide|custom-columns`: minwidth 5, tabwidth 1,
// padding 3, pad character space, no flags. calicoctl terminates every cell (the last one too) with a tab,
// so every cell is padded and lines carry trailing spaces. Widths count runes, as Go does.

const MIN_WIDTH = 5;
const PADDING = 3;

function runeLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Renders rows of tab-terminated cells; each line ends with `\n`. All rows have the header's column count. */
export function renderTabwriter(rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return '';
  const columns = Math.max(...rows.map((r) => r.length));
  const widths: number[] = [];
  for (let c = 0; c < columns; c++) {
    let width = MIN_WIDTH;
    for (const row of rows) {
      if (c < row.length) width = Math.max(width, runeLength(row[c]) + PADDING);
    }
    widths.push(width);
  }
  let out = '';
  for (const row of rows) {
    for (let c = 0; c < row.length; c++) out += row[c] + ' '.repeat(widths[c] - runeLength(row[c]));
    out += '\n';
  }
  return out;
}
