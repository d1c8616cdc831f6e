import type { MilitaryDecisionTotals } from '@licences/licensing-read-models';
import { emptyCell, euAnnualReportOf, euAnnualTableOf, euAnnualTallies } from './eu-annual.report';
import type { EuAnnualCell } from './eu-annual.report';
import type { ReportContext } from './report-facts';
import type { CriteriaCount, EuAnnualReport } from './report.types';

/** The group a count belongs to, as one text key. */
function groupKey(group: {
  level: string;
  licenceKind: string;
  exportType: string;
  destination: string | null;
  category: string | null;
}): string {
  return [
    group.level,
    group.licenceKind,
    group.exportType,
    group.destination ?? '',
    group.category ?? '',
  ].join('\u0000');
}

/**
 * The EU annual report from counts the store grouped (`militaryDecisionTotals`), the same report
 * as `buildEuAnnualReport` makes from every fact of the period: each count adds what that many
 * decisions add one by one there, and the criteria counts add what `countCriteria` would.
 */
export function buildEuAnnualReportFromTotals(
  totals: MilitaryDecisionTotals,
  year: number,
  context: ReportContext,
): EuAnnualReport {
  const cells = new Map<string, EuAnnualCell>();
  const cellOf = (group: Parameters<typeof groupKey>[0]): EuAnnualCell => {
    const key = groupKey(group);
    const cell = cells.get(key) ?? emptyCell();
    cells.set(key, cell);
    return cell;
  };
  for (const count of totals.decisions) {
    const cell = cellOf(count);
    if (count.kind === 'issued') {
      cell.licencesIssued += count.decisions;
      cell.valueCents += count.valueCents;
    } else {
      cell.denials += count.decisions;
    }
  }
  for (const count of totals.criteria) {
    const cell = cellOf(count);
    // As countCriteria: only criteria 1 to 8 are counted (each denial cites one at most once).
    const key = String(count.criterion) as keyof CriteriaCount;
    if (key in cell.criteria) cell.criteria[key] += count.denials;
  }
  const tallies = euAnnualTallies();
  const codes = new Set<string>();
  const seen = new Set<string>();
  for (const count of [...totals.decisions, ...totals.criteria]) {
    const key = groupKey(count);
    if (seen.has(key)) continue;
    seen.add(key);
    const tally = tallies[euAnnualTableOf(count)];
    const cell = cells.get(key)!;
    const { level, destination, category } = count;
    switch (level) {
      case 'cell':
        tally.addToCell(destination!, category!, cell);
        break;
      case 'destination':
        codes.add(destination!);
        tally.addToDestination(destination!, cell);
        break;
      case 'overall':
        tally.addOverall(cell);
        break;
      default: {
        const unexpected: never = level;
        throw new Error(`Unknown level ${String(unexpected)}`);
      }
    }
  }
  return euAnnualReportOf(tallies, codes, year, context);
}
