/**
 * Small helpers for the benchmark: medians, MiB, and a plain-text table.
 *
 * Figures are printed as ratios against a baseline measured in the same run
 * (machines are noisy), never asserted by timed unit tests.
 */

/** The median of a non-empty list (mean of the two middle values for even lengths). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of an empty list');
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Bytes to MiB. */
export const mib = (bytes: number): number => bytes / 2 ** 20;

/** A number with `digits` decimals. */
export const fmt = (n: number, digits = 1): string => n.toFixed(digits);

/** One row of the results table. */
export interface BenchRow {
  /** What was measured. */
  name: string;
  /** The measured figure, formatted with its unit. */
  value: string;
  /** The target, e.g. "≤ 1.25". */
  target: string;
  /** Whether the target is met; `null` for an informational row. */
  pass: boolean | null;
}

/** Render rows as an aligned plain-text table. */
export function formatTable(rows: readonly BenchRow[]): string {
  const head = ['measure', 'value', 'target', 'result'];
  const body = rows.map((r) => [r.name, r.value, r.target, r.pass === null ? '' : r.pass ? 'ok' : 'MISSED']);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** Min, median and max of per-round ratios (each round measured both sides back to back). */
export interface RatioSpread {
  min: number;
  median: number;
  max: number;
}

/**
 * The spread of `ours[i] / base[i]` over rounds.
 *
 * Why: pairing each round's two sides cancels the machine's slow drifts (other
 * jobs, disk write-back) that make a ratio of unpaired medians flip between runs.
 *
 * @throws Error when the lists are empty or of different lengths.
 */
export function ratioSpread(ours: readonly number[], base: readonly number[]): RatioSpread {
  if (ours.length === 0 || ours.length !== base.length) throw new Error('ratioSpread needs two lists of the same, non-zero length');
  const ratios = ours.map((o, i) => o / base[i]!);
  return { min: Math.min(...ratios), median: median(ratios), max: Math.max(...ratios) };
}

/** "1.02× (min 0.95×, max 1.10×)". */
export const fmtSpread = (s: RatioSpread): string => `${fmt(s.median, 2)}× (min ${fmt(s.min, 2)}×, max ${fmt(s.max, 2)}×)`;
