import type { FigureResult } from '../harness/alternating-runner';
import type { Figure } from '../harness/figure';
import { sizeLabel, SIZES } from '../history/generated-history';
import { rounded } from '../harness/stats';

/*
 * The memory figure: the peak RSS the import and the API under query load reached at each size
 * (measured by those figures), and the ratio 1M/100k when both sizes ran (issue 16's target: at
 * most 1.5×). Nothing is measured here; it gathers what the figures measured.
 */

const SOURCES: readonly { prefix: string; what: string }[] = [
  { prefix: 'import@', what: 'historical import (API process)' },
  { prefix: 'queries@', what: 'API under the query load' },
  { prefix: 'queries-postgres@', what: 'API under the query load (PostgreSQL read store)' },
];

export function memorySummary(
  results: readonly { figure: Figure; result: FigureResult }[],
): string | undefined {
  const rows: string[] = [];
  for (const { prefix, what } of SOURCES) {
    const bySize = new Map<number, number>();
    for (const { figure, result } of results) {
      if (!figure.name.startsWith(prefix)) continue;
      const size = SIZES[figure.name.slice(prefix.length)] ?? NaN;
      const peaks = result.levels.map((level) => level.project.metrics['peakRssMiB']?.median ?? NaN);
      const peak = Math.max(...peaks.filter(Number.isFinite));
      if (Number.isFinite(size) && Number.isFinite(peak)) bySize.set(size, peak);
    }
    if (bySize.size === 0) continue;
    const cells = [...bySize.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([size, peak]) => `${sizeLabel(size)}: ${rounded(peak)}`);
    const large = bySize.get(1_000_000);
    const base = bySize.get(100_000);
    const ratio = large !== undefined && base !== undefined ? `${rounded(large / base)}×` : '—';
    rows.push(`| ${what} | ${cells.join(', ')} | ${ratio} |`);
  }
  if (rows.length === 0) return undefined;
  return [
    '### Memory: peak RSS (MiB, median of the runs) by size',
    '',
    '| process | peak RSS MiB | 1M / 100k |',
    '|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
