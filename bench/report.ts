/**
 * One table of figures, as plain text for the terminal and as Markdown for
 * bench/RESULTS.md and the README: value, spread, baseline and ratio, target
 * and verdict on one line each.
 */
import { SECTIONS, type Figure, type Target } from './bench.js';

/** A number with a precision that suits its size: 0.123, 12.3, 1234. */
export function formatNumber(value: number): string {
  const abs = Math.abs(value);
  if (Number.isInteger(value) && abs < 1e6) return value.toLocaleString('en-US');
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  return value.toPrecision(2);
}

function formatTarget(target: Target | undefined, unit: string): string {
  if (!target) return '—';
  if (target.text) return target.text;
  const parts: string[] = [];
  if (target.min !== undefined) parts.push(`≥ ${formatNumber(target.min)} ${unit}`);
  if (target.max !== undefined) parts.push(`≤ ${formatNumber(target.max)} ${unit}`);
  return parts.join(', ') || '—';
}

/** The cells of one row: what it is, the value with its unit, spread, baseline, ratio, target, verdict. */
export function cells(figure: Figure): string[] {
  const value = figure.value === null ? (figure.note ?? 'n/a') : `${formatNumber(figure.value)} ${figure.unit}`.trim();
  const spread = figure.spread
    ? `${figure.spread.kind} ${formatNumber(figure.spread.low)}–${formatNumber(figure.spread.high)} (n=${figure.spread.n})`
    : '';
  const baseline = figure.baseline ? `${figure.baseline.name}: ${formatNumber(figure.baseline.value)} ${figure.unit}`.trim() : '';
  const ratio = figure.ratio === undefined ? '' : `×${formatNumber(figure.ratio)}`;
  const met = figure.met === undefined ? (figure.value === null ? '—' : '') : figure.met ? 'yes' : 'NO';
  const note = figure.value !== null && figure.note ? ` (${figure.note})` : '';
  return [figure.section, `${figure.name}${note}`, value, spread, baseline, ratio, formatTarget(figure.target, figure.unit), met];
}

const HEADER = ['Section', 'Figure', 'Value', 'Spread', 'Baseline (same run)', 'Ratio', 'Target', 'Met'];

/** Figures in section order, keeping each module's own order within a section. */
export function ordered(figures: readonly Figure[]): Figure[] {
  const rank = (figure: Figure) => {
    const index = (SECTIONS as readonly string[]).indexOf(figure.section);
    return index === -1 ? SECTIONS.length : index;
  };
  return figures.map((figure, index) => ({ figure, index })).sort((a, b) => rank(a.figure) - rank(b.figure) || a.index - b.index).map(({ figure }) => figure);
}

/** Fixed-width text table for the terminal. */
export function textTable(figures: readonly Figure[]): string {
  const rows = [HEADER, ...ordered(figures).map(cells)];
  const widths = HEADER.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  return [line(rows[0]!), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** GitHub Markdown table. */
export function markdownTable(figures: readonly Figure[]): string {
  const escape = (cell: string) => cell.replaceAll('|', '\\|');
  const rows = ordered(figures).map(cells);
  return [
    `| ${HEADER.join(' | ')} |`,
    `|${HEADER.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.map(escape).join(' | ')} |`),
  ].join('\n');
}
