import { addDays, compareDates, DUTCH_VALIDITY_POLICY, isLocalDate } from '@licences/licensing-domain';
import type { LocalDate, ValidityPolicy } from '@licences/licensing-domain';
import { demoWindow, nextWorkday, OFFICE_MINUTES, officeInstant, workdaysBetween } from './business-calendar';
import type { DemoWindow } from './business-calendar';
import { DESTINATION_GROUP_WEIGHTS } from './destinations.catalogue';
import type { CaseScript, DemoStep, ImportedVariant } from './demo-plan.types';
import { IMPORTED_DEVIATIONS } from './demo-plan.types';
import { feasibleVariant, importedCase, importLineOf } from './imported-history';
import { LIVE_PATH_WEIGHTS, liveCase } from './live-case';
import { StepQueue } from './step-queue';
import { evenlySpread, GOLDEN_STEP, SeededRandom, SILVER_STEP, weighted } from './seeded-random';
import { OFFICIALS } from './wording.catalogue';
import type { DemoOfficial } from './wording.catalogue';

export const DEFAULT_DEMO_SEED = 20241125;
export const DEFAULT_DEMO_CASES = 400;

/**
 * How the archive goes in: staged by one demo administrator and approved by the other on the first
 * working day after the archive, when the system took over (the cut-over: history must lie
 * strictly before it).
 */
export interface ArchiveImport {
  readonly cutover: string;
  readonly stagedAt: string;
  readonly approvedAt: string;
  readonly uploadedBy: DemoOfficial;
  readonly approvedBy: DemoOfficial;
}

export interface DemoPlanOptions {
  /** Whole number from 0 to 2^32 - 1; the same seed and today always give the same plan. */
  readonly seed: number;
  /** Cases in all, imported ones included. */
  readonly cases: number;
  /** The plan's today: business time runs up to the day before. */
  readonly today: LocalDate;
  readonly policy?: ValidityPolicy;
}

/** How many of `cases` come in through the historical import: none in a tiny plan, else about 8 %. */
export function importedShare(cases: number): number {
  return cases < 12 ? 0 : Math.max(4, Math.round(cases * 0.08));
}

/** Imported cases that carry a deliberate deviation (the first ones), and one with a shorter period after them. */
export function deviationCount(imported: number): number {
  return imported === 0 ? 0 : Math.min(imported, Math.max(2, Math.round(imported / 4)));
}

/**
 * The n registration instants of a stream of cases, one per stratum of the office hours between
 * two days: stratified, so that every stretch of the window gets its share at any size, and in
 * ascending order by construction, so that cases can be made one at a time in time order.
 */
class Registrations {
  private readonly days: LocalDate[];

  constructor(
    first: LocalDate,
    last: LocalDate,
    private readonly n: number,
  ) {
    this.days = workdaysBetween(first, last);
    if (this.days.length === 0) throw new RangeError(`No working day between ${first} and ${last}`);
  }

  instant(ordinal: number, jitter: number): string {
    const position = ((ordinal + jitter) / this.n) * this.days.length * OFFICE_MINUTES;
    const minute = Math.floor(position);
    const day = this.days[Math.min(Math.floor(minute / OFFICE_MINUTES), this.days.length - 1)] as LocalDate;
    return officeInstant(day, minute % OFFICE_MINUTES, Math.floor((position - minute) * 60));
  }
}

/**
 * A seeded, reproducible history to load into an empty store. Pure: the same options give the same
 * plan, and nothing reads the clock. Both streams are made lazily, a case at a time, so a plan of
 * any size needs memory only for the cases still open at a point in time.
 */
export class DemoPlan {
  readonly window: DemoWindow;
  readonly importedCases: number;
  readonly liveCases: number;
  private readonly policy: ValidityPolicy;

  constructor(readonly options: DemoPlanOptions) {
    if (!Number.isInteger(options.cases) || options.cases < 1) {
      throw new RangeError(`cases must be a positive whole number, not ${options.cases}`);
    }
    if (!Number.isInteger(options.seed) || options.seed < 0 || options.seed > 0xffffffff) {
      throw new RangeError(`seed must be a whole number from 0 to 4294967295, not ${options.seed}`);
    }
    if (!isLocalDate(options.today))
      throw new RangeError(`today must be a date YYYY-MM-DD, not ${String(options.today)}`);
    this.window = demoWindow(options.today);
    this.importedCases = importedShare(options.cases);
    this.liveCases = options.cases - this.importedCases;
    this.policy = options.policy ?? DUTCH_VALIDITY_POLICY;
  }

  /** The live cases in order of registration. */
  *liveScripts(): Generator<CaseScript> {
    const { seed } = this.options;
    const registrations = new Registrations(this.window.firstDay, this.window.lastDay, this.liveCases);
    const offsets = new SeededRandom(seed, 'spread');
    const [pathOffset, groupOffset] = [offsets.next(), offsets.next()];
    for (let ordinal = 0; ordinal < this.liveCases; ordinal++) {
      const jitter = new SeededRandom(seed, `registration/${ordinal}`).next();
      yield liveCase({
        seed,
        ordinal,
        registeredAt: registrations.instant(ordinal, jitter),
        path: weighted(LIVE_PATH_WEIGHTS, evenlySpread(ordinal, GOLDEN_STEP, pathOffset)),
        group: weighted(DESTINATION_GROUP_WEIGHTS, evenlySpread(ordinal, SILVER_STEP, groupOffset)),
        lastDay: this.window.lastDay,
        policy: this.policy,
      });
    }
  }

  /** Every live step in business-time order (ties: the earlier registered case first), each case's first step carrying the case. */
  *steps(): Generator<DemoStep> {
    const queue = new StepQueue();
    for (const script of this.liveScripts()) {
      const first = script.steps[0];
      if (!first) continue;
      // Nothing planned later can come before this case's registration: emit what lies before it.
      yield* queue.drainUntil(first.at);
      queue.add(script);
    }
    yield* queue.drainUntil(undefined);
  }

  /** The imported (archived) cases, in order of registration; the first ones carry the deviations. */
  *importedScripts(): Generator<CaseScript> {
    const { seed } = this.options;
    const lastDay = this.archiveLastDay();
    // Registered early enough that each archived case is decided within the archive years.
    const registrations = new Registrations(this.window.firstDay, addDays(lastDay, -120), this.importedCases);
    const deviations = deviationCount(this.importedCases);
    for (let ordinal = 0; ordinal < this.importedCases; ordinal++) {
      const planted: ImportedVariant | undefined =
        ordinal < deviations
          ? IMPORTED_DEVIATIONS[ordinal % IMPORTED_DEVIATIONS.length]
          : ordinal === deviations
            ? 'shorter-period'
            : undefined;
      const jitter = new SeededRandom(seed, `archive/${ordinal}`).next();
      yield importedCase({
        seed,
        ordinal,
        registeredAt: registrations.instant(ordinal, jitter),
        ...(planted && { variant: feasibleVariant(planted, lastDay, this.policy) }),
        lastDay,
        policy: this.policy,
      });
    }
  }

  /** When and by whom the archive is imported; undefined for a plan without one. */
  archiveImport(): ArchiveImport | undefined {
    if (this.importedCases === 0) return undefined;
    const cutoverDay = addDays(this.archiveLastDay(), 1);
    const day = nextWorkday(cutoverDay);
    const [uploadedBy, approvedBy] = OFFICIALS.admin as [DemoOfficial, DemoOfficial];
    return {
      cutover: `${cutoverDay}T00:00:00.000Z`,
      stagedAt: officeInstant(day, 60, 0),
      approvedAt: officeInstant(day, 180, 0),
      uploadedBy,
      approvedBy,
    };
  }

  /** The import file, case by case: what `npm run import` would read. */
  *importLines(): Generator<string> {
    for (const script of this.importedScripts()) {
      for (const step of script.steps) yield importLineOf(step);
    }
  }

  private archiveLastDay(): LocalDate {
    const { archiveLastDay, lastDay } = this.window;
    return compareDates(archiveLastDay, lastDay) < 0 ? archiveLastDay : lastDay;
  }

  /** How many live steps the plan holds (a second, cheap pass: for a progress bar's total). */
  countSteps(): number {
    let steps = 0;
    for (const script of this.liveScripts()) steps += script.steps.length;
    return steps;
  }
}
