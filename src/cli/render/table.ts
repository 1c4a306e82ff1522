import chalk from 'chalk';
import Table from 'cli-table3';

/**
 * The width tables must fit: the terminal's columns, or null when stdout is not a terminal (a
 * file or a pipe gets every character; cutting it would lose data a script wants). Set once per
 * command by runtime.emit, like the date display.
 */
let tableWidth: number | null = null;

export function setTableWidth(width: number | null): void {
  tableWidth = width !== null && Number.isFinite(width) && width > 0 ? Math.floor(width) : null;
}

const style = () => (chalk.level > 0 ? {} : { head: [], border: [] });

/** A table that is coloured only when chalk is (a terminal without NO_COLOR). */
export function createTable(head: string[], options: { wrapLast?: number } = {}): InstanceType<typeof Table> {
  return new Table({
    head,
    style: style(),
    ...(options.wrapLast ? { wordWrap: true, colWidths: [...head.slice(1).map(() => null), options.wrapLast] as never } : {}),
  });
}

export interface Column<T> {
  head: string;
  value: (row: T) => string | number;
  /**
   * Which columns go first when the terminal is too narrow: higher drops sooner; 0 (the default)
   * is never dropped (ids, names, the state a list is about).
   */
  drop?: number;
  /** Narrowest useful width (default: the heading's, at least 6); cells beyond are cut with "…". */
  min?: number;
  /** Wrap long text over lines instead of cutting it (what a lead said). */
  wrap?: boolean;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: measuring text means skipping escape codes
const ANSI = /\u001b\[[0-9;]*m/g;
const visibleWidth = (text: string) => Math.max(0, ...text.split('\n').map((line) => [...line.replace(ANSI, '')].length));

/** Borders and padding: "│ a │ b │" is 3 per column plus 1. */
const frame = (columns: number) => columns * 3 + 1;

/**
 * A table that fits the terminal: low-value columns dropped first, then the widest cells cut with
 * "…" (or wrapped). Off a terminal it is the natural width, whatever that is.
 */
export function renderTable<T>(columns: Column<T>[], rows: readonly T[], options: { width?: number | null } = {}): string {
  const width = options.width === undefined ? tableWidth : options.width;
  let shown = columns.map((column) => {
    const cells = rows.map((row) => String(column.value(row)));
    const natural = Math.max(visibleWidth(column.head), ...cells.map(visibleWidth));
    const min = Math.min(natural, column.min ?? Math.max(6, visibleWidth(column.head)));
    return { column, cells, natural, min };
  });
  if (width !== null) {
    const fits = (cols: typeof shown) => cols.reduce((sum, c) => sum + c.min, 0) + frame(cols.length) <= width;
    while (!fits(shown)) {
      const dropped = shown.reduce<(typeof shown)[number] | null>(
        (worst, c) => ((c.column.drop ?? 0) > (worst?.column.drop ?? 0) ? c : worst),
        null,
      );
      if (dropped === null) break;
      shown = shown.filter((c) => c !== dropped);
    }
  }
  const widths = shown.map((c) => c.natural);
  if (width !== null) {
    // Take from the widest column, one character at a time, until the table fits or all are at their minimum.
    let excess = widths.reduce((a, b) => a + b, 0) + frame(widths.length) - width;
    while (excess > 0) {
      let widest = -1;
      for (const [i, w] of widths.entries()) {
        const c = shown[i];
        if (c && w > c.min && (widest < 0 || w > (widths[widest] ?? 0))) widest = i;
      }
      if (widest < 0) break;
      widths[widest] = (widths[widest] ?? 0) - 1;
      excess--;
    }
  }
  const fixed = width !== null;
  const multiline = shown.some((c) => c.column.wrap || c.cells.some((cell) => cell.includes('\n')));
  const table = new Table({
    head: shown.map((c) => c.column.head),
    style: style(),

    ...(fixed ? { colWidths: widths.map((w) => w + 2), wordWrap: true, wrapOnWordBoundary: true } : {}),
  });
  for (const [r] of rows.entries()) {
    table.push(
      shown.map((c, i) => {
        const text = c.cells[r] ?? '';
        if (!fixed || c.column.wrap) return text;
        return cut(text, widths[i] ?? text.length);
      }),
    );
  }
  return multiline ? table.toString() : withoutRowRules(table.toString());
}

/** One rule under the heading and none between rows: 200 leads are 200 lines, not 400. */
function withoutRowRules(text: string): string {
  let seen = false;
  return text
    .split('\n')
    .filter((line) => {
      if (!line.replace(ANSI, '').startsWith('├')) return true;
      if (seen) return false;
      seen = true;
      return true;
    })
    .join('\n');
}

/** Each line cut to `width` visible characters, the last one an ellipsis. */
function cut(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => {
      const plain = [...line.replace(ANSI, '')];
      return plain.length <= width ? line : `${plain.slice(0, Math.max(0, width - 1)).join('')}…`;
    })
    .join('\n');
}
