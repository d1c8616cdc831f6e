import { addDays, compareDates } from '@licences/licensing-domain';
import type { LocalDate } from '@licences/licensing-domain';
import type { ImportReport } from '@licences/licensing-application';
import { DEMO_OUTCOMES, IMPORTED_DEVIATIONS } from '@licences/licensing-sample-data';
import type { DemoCase, DemoOutcome, DemoPlan } from '@licences/licensing-sample-data';

/** A case the summary points at, with what a reader needs to query it. */
export interface ExampleCase {
  readonly caseId: string;
  readonly destination: string;
  readonly controlListEntry: string;
  readonly validFrom?: LocalDate;
  readonly validUntil?: LocalDate;
  readonly variant?: string;
}

const EXAMPLES = [
  'validToday',
  'expiringWithin90Days',
  'extended',
  'revoked',
  'denied',
  'pendingApplication',
  'importedWithDeviation',
] as const;
type ExampleName = (typeof EXAMPLES)[number];

export interface DemoSummary {
  readonly store: string;
  readonly seed: number;
  readonly today: LocalDate;
  readonly period: { readonly from: LocalDate; readonly to: LocalDate };
  readonly cases: { readonly total: number; readonly live: number; readonly imported: number };
  /** The decisions on the cases (one event each), imported ones included. */
  readonly events: number;
  /** Head of the store after loading (the import's own record adds a few events): wait for it with `minPosition`. */
  readonly position: number;
  /**
   * The archive's import, as `GET /api/imports/{importId}` shows each of its files: one, or several
   * for an archive larger than one import file may be.
   */
  readonly archive: {
    readonly importIds: readonly string[];
    readonly cutover: string;
    readonly uploadedBy: string;
    readonly approvedBy: string;
    readonly cases: number;
    readonly events: number;
  } | null;
  readonly decisionsPerYear: Readonly<Record<string, number>>;
  readonly outcomes: Readonly<Record<DemoOutcome, number>>;
  readonly validToday: number;
  readonly expiringWithin90Days: number;
  readonly extendedLicences: number;
  /** Imported cases that carry a deliberate deviation for oversight to find. */
  readonly importedDeviations: number;
  readonly examples: Partial<Record<ExampleName, ExampleCase>>;
}

const isDeviation = (variant: string | undefined) =>
  variant !== undefined && (IMPORTED_DEVIATIONS as readonly string[]).includes(variant);

/** Counts what was loaded, case by case and step by step, without keeping the cases. */
export class DemoTally {
  private readonly outcomes = Object.fromEntries(DEMO_OUTCOMES.map((o) => [o, 0])) as Record<
    DemoOutcome,
    number
  >;
  private readonly perYear = new Map<string, number>();
  private readonly examples: Partial<Record<ExampleName, ExampleCase>> = {};
  private validToday = 0;
  private expiringSoon = 0;
  private extended = 0;
  private deviations = 0;
  private events = 0;

  constructor(private readonly plan: DemoPlan) {}

  addCase(demoCase: DemoCase): void {
    const { today } = this.plan.window;
    this.outcomes[demoCase.outcome] += 1;
    if (demoCase.extensions > 0) this.extended += 1;
    if (isDeviation(demoCase.variant)) this.deviations += 1;
    const valid =
      demoCase.outcome === 'issued' &&
      demoCase.validFrom !== undefined &&
      demoCase.validUntil !== undefined &&
      compareDates(demoCase.validFrom, today) <= 0 &&
      compareDates(today, demoCase.validUntil) <= 0;
    const expiring = valid && compareDates(demoCase.validUntil, addDays(today, 90)) <= 0;
    if (valid) this.validToday += 1;
    if (expiring) this.expiringSoon += 1;
    const example = (name: ExampleName, when: boolean) => {
      if (!when || this.examples[name]) return;
      this.examples[name] = {
        caseId: demoCase.caseId,
        // Several for a global licence; a temporary export says so, since the rule differs.
        destination: `${demoCase.destinations.join('+')}${demoCase.exportType === 'temporary' ? ' (temporary)' : ''}`,
        controlListEntry: demoCase.controlListEntries[0] ?? '',
        ...(demoCase.validFrom && { validFrom: demoCase.validFrom }),
        ...(demoCase.validUntil && { validUntil: demoCase.validUntil }),
        ...(demoCase.variant && { variant: demoCase.variant }),
      };
    };
    example('validToday', valid && !expiring);
    example('expiringWithin90Days', expiring);
    example('extended', demoCase.extensions > 0 && demoCase.source === 'live');
    example('revoked', demoCase.outcome === 'revoked' && demoCase.source === 'live');
    example('denied', demoCase.outcome === 'denied' && demoCase.source === 'live');
    example('pendingApplication', demoCase.outcome === 'pending-application');
    example('importedWithDeviation', isDeviation(demoCase.variant));
  }

  /** One decision (one event) on its business date. */
  addDecision(at: string): void {
    const year = at.slice(0, 4);
    this.perYear.set(year, (this.perYear.get(year) ?? 0) + 1);
    this.events += 1;
  }

  summary(store: string, position: number, reports: readonly ImportReport[] | undefined): DemoSummary {
    const { options, window, importedCases, liveCases } = this.plan;
    const archive = this.plan.archiveImport();
    const first = reports?.[0];
    return {
      store,
      seed: options.seed,
      today: window.today,
      period: { from: window.firstDay, to: window.lastDay },
      cases: { total: options.cases, live: liveCases, imported: importedCases },
      events: this.events,
      position,
      archive:
        reports && first && archive
          ? {
              importIds: reports.map((report) => report.importId),
              cutover: archive.cutover,
              uploadedBy: first.uploadedBy.sub,
              approvedBy: first.approvedBy.sub,
              cases: reports.reduce((sum, report) => sum + report.accepted, 0),
              events: reports.reduce((sum, report) => sum + report.eventsAppended, 0),
            }
          : null,
      decisionsPerYear: Object.fromEntries([...this.perYear].sort(([a], [b]) => a.localeCompare(b))),
      outcomes: { ...this.outcomes },
      validToday: this.validToday,
      expiringWithin90Days: this.expiringSoon,
      extendedLicences: this.extended,
      importedDeviations: this.deviations,
      examples: { ...this.examples },
    };
  }
}

const LABELS: Readonly<Record<ExampleName, string>> = {
  validToday: 'issued, valid today',
  expiringWithin90Days: 'expiring within 90 days',
  extended: 'extended',
  revoked: 'revoked',
  denied: 'denied',
  pendingApplication: 'application pending',
  importedWithDeviation: 'imported, with a deviation',
};

function exampleLine(name: ExampleName, example: ExampleCase): string {
  const validity = example.validUntil ? ` valid ${example.validFrom ?? '?'} to ${example.validUntil}` : '';
  const variant = example.variant ? ` (${example.variant})` : '';
  return `  ${LABELS[name].padEnd(28)}${example.caseId}  ${example.destination} ${example.controlListEntry}${validity}${variant}`;
}

/** The summary for a reader: what is in the store, a few cases to look at, and what to try. */
/** "import 0a1b2c3d4e5f…", or "3 imports: 0a1b2c3d4e5f…, …" for an archive in several files. */
function importsOf(importIds: readonly string[]): string {
  const short = importIds.map((id) => `${id.slice(0, 12)}…`);
  return short.length === 1 ? `import ${short.join('')}` : `${short.length} imports: ${short.join(', ')}`;
}

export function formatSummary(s: DemoSummary, seconds: number): string {
  const o = s.outcomes;
  const lastYear = Number(s.today.slice(0, 4)) - 1;
  const lines = [
    `Loaded demo data into ${s.store} in ${seconds.toFixed(1)} s (seed ${s.seed}, today ${s.today}).`,
    `Every official is demo.*, every applicant a made-up "Demo ... B.V.": this is sample data, not decisions.`,
    '',
    `Cases      ${s.cases.total} (${s.cases.live} live, ${s.cases.imported} through the historical import)`,
    `Events     ${s.events} (position ${s.position})`,
    `Years      ${s.period.from} to ${s.period.to}: ${Object.entries(s.decisionsPerYear)
      .map(([year, n]) => `${year} ${n}`)
      .join(', ')} decisions`,
    `Outcomes   issued ${o.issued} (valid today ${s.validToday}, expiring within 90 days ${s.expiringWithin90Days}), ` +
      `extended ${s.extendedLicences}, revoked ${o.revoked}, denied ${o.denied}, withdrawn ${o.withdrawn}`,
    `           sondages answered negative ${o['sondage-negative']}, positive without an application yet ${o['sondage-positive']}, ` +
      `still pending: ${o['pending-sondage']} sondages, ${o['pending-application']} applications`,
    ...(s.archive
      ? [
          `Archive    ${s.archive.cases} cases imported from before ${s.archive.cutover.slice(0, 10)} (${importsOf(s.archive.importIds)}, ` +
            `staged by ${s.archive.uploadedBy}, approved by ${s.archive.approvedBy}); ${s.importedDeviations} carry a deliberate deviation`,
        ]
      : []),
    '',
    'Examples',
    ...EXAMPLES.flatMap((name) => {
      const example = s.examples[name];
      return example ? [exampleLine(name, example)] : [];
    }),
    '',
    'Try',
    `  npm run report -- eu-annual --year ${lastYear} --format md`,
    `  npm run replay -- --from ${s.period.from} --to ${s.period.to}`,
    ...(s.examples.importedWithDeviation
      ? [`  npm run replay -- --case ${s.examples.importedWithDeviation.caseId}`]
      : []),
    `  npm run what-if -- --policy contract-duration --from ${s.period.from} --to ${lastYear}-12-31`,
    `  npm start, then GET /api/licences?validOn=${s.today} and GET /api/licences/<id>/history with a token from npm run token`,
  ];
  return `${lines.join('\n')}\n`;
}
