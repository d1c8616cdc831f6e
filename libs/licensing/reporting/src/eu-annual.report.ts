import type { StatisticsFact } from '@licences/licensing-read-models';
import { countryNames } from './report-language';
import { byCategory, byText, countCriteria, emptyCriteria, euros, inPeriod } from './report-facts';
import type { ReportContext } from './report-facts';
import type {
  CriteriaCount,
  EuAnnualReport,
  EuAnnualRow,
  EuAnnualTable,
  EuAnnualTotals,
  ReportLanguage,
  ReportPeriod,
} from './report.types';

/** What one table counts in one group: licences and their value, denials and the criteria they cite. */
export interface EuAnnualCell {
  licencesIssued: number;
  valueCents: number;
  denials: number;
  criteria: Record<keyof CriteriaCount, number>;
}

export const emptyCell = (): EuAnnualCell => ({
  licencesIssued: 0,
  valueCents: 0,
  denials: 0,
  criteria: emptyCriteria(),
});

function add(into: EuAnnualCell, from: EuAnnualCell): void {
  into.licencesIssued += from.licencesIssued;
  into.valueCents += from.valueCents;
  into.denials += from.denials;
  for (const key of Object.keys(into.criteria) as (keyof CriteriaCount)[])
    into.criteria[key] += from.criteria[key];
}

function totalsOf(destination: string, cell: EuAnnualCell): EuAnnualTotals {
  return {
    destination,
    licencesIssued: cell.licencesIssued,
    valueIssuedEur: euros(cell.valueCents),
    denials: cell.denials,
    criteriaCited: cell.criteria,
  };
}

/** The table of the EU report a licence (or a denied application) is counted in. */
export type EuAnnualTableName = 'exports' | 'temporaryExports' | 'transit' | 'brokering';

/** Art. 8's export table is for definitive exports; transit, brokering and temporary exports go apart. */
export function euAnnualTableOf(fact: Pick<StatisticsFact, 'licenceKind' | 'exportType'>): EuAnnualTableName {
  switch (fact.licenceKind) {
    case 'transit':
      return 'transit';
    case 'brokering':
      return 'brokering';
    case 'individual':
    case 'global':
      return fact.exportType === 'temporary' ? 'temporaryExports' : 'exports';
    default: {
      const unexpected: never = fact.licenceKind;
      throw new Error(`Unknown licence kind ${String(unexpected)}`);
    }
  }
}

/** Adds up one table's facts; see `buildEuAnnualReport` for what counts where. */
export class TableTally {
  private readonly cells = new Map<string, EuAnnualCell>();
  private readonly perDestination = new Map<string, EuAnnualCell>();
  private readonly overall = emptyCell();

  add(fact: StatisticsFact): void {
    const categories = new Map<string, number>();
    for (const line of fact.goods)
      categories.set(line.category, (categories.get(line.category) ?? 0) + line.valueCents);
    const whole = emptyCell();
    if (fact.kind === 'issued') {
      whole.licencesIssued = 1;
      whole.valueCents = fact.totalValueCents;
    } else {
      whole.denials = 1;
      countCriteria(whole.criteria, fact.criteria);
    }
    for (const destination of new Set(fact.destinations)) {
      for (const [category, valueCents] of categories)
        this.addToCell(destination, category, {
          ...whole,
          valueCents: fact.kind === 'issued' ? valueCents : 0,
        });
      this.addToDestination(destination, whole);
    }
    this.addOverall(whole);
  }

  /** Adds decisions already counted for one destination and category (see MilitaryDecisionCount). */
  addToCell(destination: string, category: string, counted: EuAnnualCell): void {
    const key = `${destination}\u0000${category}`;
    const cell = this.cells.get(key) ?? emptyCell();
    add(cell, counted);
    this.cells.set(key, cell);
  }

  addToDestination(destination: string, counted: EuAnnualCell): void {
    const total = this.perDestination.get(destination) ?? emptyCell();
    add(total, counted);
    this.perDestination.set(destination, total);
  }

  addOverall(counted: EuAnnualCell): void {
    add(this.overall, counted);
  }

  table(): EuAnnualTable {
    const rows: EuAnnualRow[] = [...this.cells.entries()]
      .map(([key, cell]) => {
        const [destination, category] = key.split('\u0000') as [string, string];
        return {
          destination,
          category,
          licencesIssued: cell.licencesIssued,
          valueIssuedEur: euros(cell.valueCents),
          denials: cell.denials,
          criteriaCited: cell.criteria,
          actualExportsEur: null,
        };
      })
      .sort((a, b) => byText(a.destination, b.destination) || byCategory(a.category, b.category));
    return {
      rows,
      totals: {
        perDestination: [...this.perDestination.entries()]
          .sort(([a], [b]) => byText(a, b))
          .map(([destination, cell]) => totalsOf(destination, cell)),
        overall: totalsOf('all', this.overall),
      },
    };
  }
}

const NOTES: Readonly<Record<ReportLanguage, readonly string[]>> = {
  en: [
    'Value of actual exports (c) is not recorded by this licensing system; it is reported as null, not zero.',
    'A licence with goods in several categories counts once in each category, with the value of its goods there.',
    'The export table counts definitive exports under individual and global licences only. Transit, brokering and temporary exports (trade fairs, repair, testing) each have a table of their own; a denial is counted in the table of the licence applied for.',
    'A global licence to several destinations counts as one licence under each destination, with its whole value there: the application gives no value per destination, so it cannot be split. The per-destination rows and totals can therefore add up to more than the overall total, which counts each licence and its value once.',
  ],
  nl: [
    'De waarde van de feitelijke uitvoer (c) wordt in dit vergunningensysteem niet vastgelegd; zij wordt als leeg (null) gerapporteerd, niet als nul.',
    'Een vergunning met goederen in meer categorieën telt één keer in elke categorie, met de waarde van haar goederen in die categorie.',
    'De uitvoertabel telt alleen definitieve uitvoer onder individuele en globale vergunningen. Doorvoer, bemiddeling (tussenhandel) en tijdelijke uitvoer (beurzen, reparatie, testen) hebben elk een eigen tabel; een afwijzing telt in de tabel van de aangevraagde vergunning.',
    'Een globale vergunning voor meer bestemmingen telt als één vergunning onder elke bestemming, met haar volledige waarde: de aanvraag geeft geen waarde per bestemming, dus die kan niet worden verdeeld. De rijen en totalen per bestemming kunnen daardoor samen meer zijn dan het totaal, dat elke vergunning en haar waarde één keer telt.',
  ],
};

/**
 * Common Position art. 8: per destination x military-list category. A licence with goods in several
 * categories counts once in each, with the value of its items there; a licence to several
 * destinations counts under each with its whole value. Destination totals count a licence or denial
 * once however many categories it spans; the overall total counts it once however many destinations.
 */
export function buildEuAnnualReport(
  facts: readonly StatisticsFact[],
  year: number,
  period: ReportPeriod,
  context: ReportContext,
): EuAnnualReport {
  const tallies = euAnnualTallies();
  const codes: string[] = [];
  for (const fact of facts) {
    if (fact.goodsCategory !== 'military' || !inPeriod(fact, period)) continue;
    if (fact.kind !== 'issued' && fact.kind !== 'denied') continue;
    tallies[euAnnualTableOf(fact)].add(fact);
    codes.push(...fact.destinations);
  }
  return euAnnualReportOf(tallies, codes, year, context);
}

/** One tally per table of the report. */
export function euAnnualTallies(): Record<EuAnnualTableName, TableTally> {
  return {
    exports: new TableTally(),
    temporaryExports: new TableTally(),
    transit: new TableTally(),
    brokering: new TableTally(),
  };
}

/** The report from its tallies and every destination code counted in them. */
export function euAnnualReportOf(
  tallies: Record<EuAnnualTableName, TableTally>,
  codes: Iterable<string>,
  year: number,
  context: ReportContext,
): EuAnnualReport {
  const exports = tallies.exports.table();
  return {
    report: 'eu-annual',
    year,
    position: context.position,
    policyVersion: context.policyVersion,
    lang: context.lang,
    countries: countryNames(codes),
    rows: exports.rows,
    totals: exports.totals,
    temporaryExports: tallies.temporaryExports.table(),
    transit: tallies.transit.table(),
    brokering: tallies.brokering.table(),
    notes: NOTES[context.lang],
  };
}
