import type { RecordedEvent } from '@licences/event-store';
import type {
  ExportType,
  GoodsCategory,
  LicenceEventType,
  LicenceKind,
  LicenceStatus,
  LocalDate,
} from '@licences/licensing-domain';
import type { StatisticsFact, StatisticsFactKind } from './projections/statistics.projection';
import type { DecisionHistoryEntry, LicenceValidityRow, RevocationJustification } from './read-model.rows';
import type { PointInTime } from './time-travel';

export const PROJECTION_NAMES = [
  'licence-validity',
  'decision-history',
  'revocation-justification',
  'statistics',
] as const;
export type ProjectionName = (typeof PROJECTION_NAMES)[number];

export function isProjectionName(value: string): value is ProjectionName {
  return (PROJECTION_NAMES as readonly string[]).includes(value);
}

/**
 * One group of military decisions (licences issued, applications denied) counted in SQL, at one
 * of three levels: per destination and goods category (`cell`), per destination, or `overall`.
 * A decision counts once in each group it belongs to: once per distinct destination, once per
 * goods category it has items in. `valueCents` is, for issued licences, the value of the items in
 * the category (cells) or the licence's whole value (destination and overall); 0 for denials.
 */
export interface MilitaryDecisionCount {
  readonly level: 'cell' | 'destination' | 'overall';
  readonly kind: 'issued' | 'denied';
  readonly licenceKind: LicenceKind;
  readonly exportType: ExportType;
  /** Null at the overall level. */
  readonly destination: string | null;
  /** Null except at the cell level. */
  readonly category: string | null;
  readonly decisions: number;
  readonly valueCents: number;
}

/** Denials of one group (as in MilitaryDecisionCount) that cite `criterion`, each counted once. */
export interface MilitaryCriterionCount {
  readonly level: MilitaryDecisionCount['level'];
  readonly licenceKind: LicenceKind;
  readonly exportType: ExportType;
  readonly destination: string | null;
  readonly category: string | null;
  readonly criterion: number;
  readonly denials: number;
}

/** The grouped counts the EU annual report is made of, instead of every fact. */
export interface MilitaryDecisionTotals {
  readonly decisions: readonly MilitaryDecisionCount[];
  readonly criteria: readonly MilitaryCriterionCount[];
}

/**
 * Facts of one kind and goods category counted together for the yearly overview, in one of its
 * groupings. A fact counts once in each group it belongs to (a licence once per distinct
 * destination, once per goods category it has items in; a denial once per distinct criterion).
 * - `kind`: every fact, by its `outcome` in `key`.
 * - `month`: issued licences, by the decision's month (`YYYY-MM`) in `key`.
 * - `validity`: issued licences, by the rule's months (else the months decided, else 0) in
 *   `months` and the months decided (or null) in `decidedMonths`.
 * - `days`: issued and denied with an application date, by the whole days from it in `days`.
 * - `category`: issued licences, by goods category in `key`; `valueCents` is their items' there.
 * - `destination`: issued licences, by destination in `key`; `valueCents` is their whole value.
 * - `criterion`: denials, by a criterion cited in `criterion`.
 */
export interface YearlyOverviewCount {
  readonly group: 'kind' | 'month' | 'validity' | 'days' | 'category' | 'destination' | 'criterion';
  readonly kind: StatisticsFactKind;
  readonly goodsCategory: GoodsCategory;
  readonly key: string | null;
  readonly months: number | null;
  readonly decidedMonths: number | null;
  readonly days: number | null;
  readonly criterion: number | null;
  readonly facts: number;
  readonly valueCents: number;
}

/** The grouped counts the yearly overview is made of, and the revocations it lists one by one. */
export interface YearlyOverviewTotals {
  readonly counts: readonly YearlyOverviewCount[];
  /** The revoked facts, ordered by position. */
  readonly revocations: readonly StatisticsFact[];
}

/** Which of a period's facts to read; every condition given must hold. */
export interface StatisticsFactSelection {
  readonly kinds?: readonly StatisticsFactKind[];
  /** Only facts whose total value is strictly above this many cents. */
  readonly valueAboveCents?: number;
}

/** Which tables a projection writes to: the live ones queries read, or the fresh ones of a rebuild. */
export type ProjectionTarget = 'live' | 'rebuild';

export interface LicenceFilter {
  readonly status?: LicenceStatus;
  readonly destination?: string;
  readonly goodsCategory?: GoodsCategory;
  /** Matches the entry itself and its sub-items: `ML10` matches `ML10.a`. */
  readonly controlListEntry?: string;
  readonly kind?: LicenceKind;
  /** Only the cases with (true) or without (false) a hold in force. */
  readonly onHold?: boolean;
  /** Only the cases whose registration (first event) this official (actor sub) recorded. */
  readonly registeredBy?: string;
  /** Only the cases with (true) or without (false) a reassessment a country measure asked for. */
  readonly reassessmentRequested?: boolean;
  /** Only the cases with (true) or without (false) an open revocation proposal. */
  readonly revocationProposed?: boolean;
  /** Only the licences whose `validUntil` is on or after this date. */
  readonly expiresFrom?: LocalDate;
  /** Only the licences whose `validUntil` is on or before this date. */
  readonly expiresTo?: LocalDate;
}

/** The filters on what a case may change after registration: judged on its state at the time asked. */
export const CHANGING_FILTERS = [
  'status',
  'onHold',
  'reassessmentRequested',
  'revocationProposed',
  'expiresFrom',
  'expiresTo',
] as const;

/** Filters on what a case never changes after registration. */
export type StableLicenceFilter = Omit<LicenceFilter, (typeof CHANGING_FILTERS)[number]>;

export function stableFilterOf(filter: LicenceFilter): StableLicenceFilter {
  const changing: readonly string[] = CHANGING_FILTERS;
  return Object.fromEntries(Object.entries(filter).filter(([key]) => !changing.includes(key)));
}

/**
 * The order of a listing: `registered`, oldest registration first; `expiry`, soonest `validUntil`
 * first (cases without one last), then by registration. The case id breaks the remaining ties.
 */
export const LICENCE_SORTS = ['registered', 'expiry'] as const;
export type LicenceSort = (typeof LICENCE_SORTS)[number];

export interface PageRequest {
  readonly offset: number;
  readonly limit: number;
}

/** One page of case ids in listing order, and how many cases match in all. */
export interface CasePage {
  readonly caseIds: string[];
  readonly total: number;
}

/** A decision's place in the index of decision dates: the order in which a period lists them. */
export interface DecisionKey {
  readonly decisionDate: LocalDate;
  readonly caseId: string;
  readonly revision: number;
}

/** The decisions (history rows) dated from `from` to `to` inclusive, of `types` only when given. */
export interface DecisionPeriod {
  readonly from: LocalDate;
  readonly to: LocalDate;
  readonly types?: readonly LicenceEventType[];
}

/** A page of a period's decisions, with what identifies the period's rows as a whole. */
export interface DecisionPage {
  readonly keys: DecisionKey[];
  /** How many decisions the period has. */
  readonly total: number;
  /**
   * The highest global position among the period's rows (0: none). History rows are only ever
   * appended, at positions above every stored one, so while `total` and `lastPosition` stay the
   * same, so do the period's rows.
   */
  readonly lastPosition: number;
}

/** Reads the events a rebuild still lacks: positions after `after`, up to and including `upTo`. */
export type EventReader = (after: number, upTo: number) => Promise<readonly RecordedEvent[]>;

/**
 * Tables of the read models and the checkpoints of the projections that build them.
 *
 * Every write moves the projection's checkpoint in the same transaction as the rows, and skips
 * events at or before the stored checkpoint, so a crash at any point neither loses an event nor
 * applies one twice.
 */
export interface ReadModelStore {
  /** Global position of the last event applied to the projection's tables (0: none). */
  checkpoint(name: ProjectionName, target?: ProjectionTarget): Promise<number>;

  /**
   * Applies events (in global order) to the projection's tables and moves its checkpoint to the
   * last one, atomically. Events at or before the checkpoint are skipped. Returns the checkpoint.
   *
   * With `fence` (the lease token of a projector that may lose its lease to another process), the
   * write is refused with ProjectionFencedOffError, storing nothing, when the projection already
   * records a higher fence; otherwise the stored fence becomes `fence` in the same transaction.
   * Without it (the embedded projector, a rebuild) the write is not fence-checked.
   */
  project(
    name: ProjectionName,
    events: readonly RecordedEvent[],
    target?: ProjectionTarget,
    fence?: number,
  ): Promise<number>;

  /**
   * Applies one batch of events (in global order) to the live tables of several projections in ONE
   * transaction: for each, exactly what `project` does without a fence (its own checkpoint decides
   * which events are new to it, and moves with its rows). Either every projection's rows and
   * checkpoint commit, or nothing does. Returns each projection's checkpoint.
   *
   * Not fence-checked: for the embedded projector, which runs every projection it writes alone.
   */
  projectAll(
    names: readonly ProjectionName[],
    events: readonly RecordedEvent[],
  ): Promise<ReadonlyMap<ProjectionName, number>>;

  /**
   * Records `fence` as the projection's fence unless a higher one is stored, in one transaction.
   * Returns false (and changes nothing) when a higher one is stored. From then on a write with a
   * lower fence is refused: a new lease holder claims before its first write, so that a stale
   * holder's late write cannot land.
   */
  claimFence(name: ProjectionName, fence: number): Promise<boolean>;

  /** The projection's stored fence (0 when none was ever given). */
  fenceOf(name: ProjectionName): Promise<number>;

  /**
   * Drops any earlier rebuild and creates empty rebuild tables with a checkpoint of 0.
   * @throws RebuildRunningError when a store shared by several processes knows that another one is
   * rebuilding this projection now: nothing was dropped.
   */
  startRebuild(name: ProjectionName): Promise<void>;

  /**
   * In one transaction: catches the rebuild tables up to the live checkpoint (reading the missing
   * events with `readMissing`), replaces the live tables with them and keeps the later of the two
   * checkpoints. Queries see either the old tables or the complete new ones, never a half-built model.
   */
  completeRebuild(name: ProjectionName, readMissing: EventReader): Promise<number>;

  /** Drops this rebuild's tables, leaving the live ones (and another process's rebuild) as they are. */
  abortRebuild(name: ProjectionName): Promise<void>;

  findValidity(caseId: string): Promise<LicenceValidityRow | undefined>;

  /** Current-state listing; `today` decides which issued licences count as expired. */
  listValidity(
    filter: LicenceFilter,
    today: LocalDate,
    page: PageRequest,
    sort?: LicenceSort,
  ): Promise<{ rows: LicenceValidityRow[]; total: number }>;

  /**
   * The listing at a point in time (`validOn` and/or `asOf`) from the validity periods: the ids of
   * one page of the cases that, as they stood at `at` (as `caseAt` folds them), match `filter`
   * judged on the date `on`, in the order of `sort` (as listValidity orders), and the total.
   * Candidates are the cases registered at or before `asOf` under the stable filters.
   */
  listCasesAt(
    filter: LicenceFilter,
    at: PointInTime,
    on: LocalDate,
    page: PageRequest,
    sort?: LicenceSort,
  ): Promise<CasePage>;

  /** Ids of the cases matching a stable filter whose first event was recorded at or before `asOf`, oldest first. */
  findCaseIds(filter: StableLicenceFilter, asOf?: string): Promise<string[]>;

  /** Each case's decisions recorded at or before `asOf`, in stream order. */
  historyOf(caseIds: readonly string[], asOf?: string): Promise<Map<string, DecisionHistoryEntry[]>>;

  /**
   * The keys of a period's decisions in the order (decision date, case, revision), read from an
   * index of decision dates: `after` (exclusive) continues where the previous chunk ended, `limit`
   * bounds the chunk. Cost: the chunk's rows, whatever the length of history.
   */
  decisionKeysBetween(
    period: DecisionPeriod,
    after: DecisionKey | undefined,
    limit: number,
  ): Promise<DecisionKey[]>;

  /** One page of a period's decision keys (ordered as decisionKeysBetween) and how many there are, in one snapshot. */
  decisionPageBetween(period: DecisionPeriod, page: PageRequest): Promise<DecisionPage>;

  /**
   * The cases with at least one decision in the period, by case id, after `afterCaseId`
   * (exclusive), at most `limit`.
   */
  casesDecidedBetween(
    period: DecisionPeriod,
    afterCaseId: string | undefined,
    limit: number,
  ): Promise<string[]>;

  findRevocation(caseId: string): Promise<RevocationJustification | undefined>;

  /**
   * The statistics facts decided from `fromDate` to `toDate` (inclusive) at positions up to
   * `upToPosition`, ordered by position: what a report built at that position may use.
   */
  statisticsFacts(fromDate: LocalDate, toDate: LocalDate, upToPosition: number): Promise<StatisticsFact[]>;

  /**
   * The military decisions (issued, denied) of the same facts as `statisticsFacts` selects, grouped
   * and counted by the store: what the EU annual report needs, without loading every fact.
   */
  militaryDecisionTotals(
    fromDate: LocalDate,
    toDate: LocalDate,
    upToPosition: number,
  ): Promise<MilitaryDecisionTotals>;

  /**
   * The facts `statisticsFacts` selects that also meet `selection`, ordered by position: for a
   * report that lists some facts one by one, without loading the others.
   */
  selectedStatisticsFacts(
    fromDate: LocalDate,
    toDate: LocalDate,
    upToPosition: number,
    selection: StatisticsFactSelection,
  ): Promise<StatisticsFact[]>;

  /**
   * The facts `statisticsFacts` selects, grouped and counted by the store (one snapshot): what the
   * yearly overview needs, without loading every fact.
   */
  yearlyOverviewTotals(
    fromDate: LocalDate,
    toDate: LocalDate,
    upToPosition: number,
  ): Promise<YearlyOverviewTotals>;

  close(): Promise<void>;
}

/**
 * A projector wrote with a fence lower than the one the projection records: another process took
 * over the projection since. Nothing of the write was stored.
 */
export class ProjectionFencedOffError extends Error {
  readonly code = 'PROJECTION_FENCED_OFF';

  constructor(
    readonly projection: ProjectionName,
    readonly fence: number,
    readonly storedFence: number,
  ) {
    super(
      `Projection ${projection} is fenced off: the write came with fence ${fence}, ` +
        `but fence ${storedFence} is already recorded`,
    );
    this.name = 'ProjectionFencedOffError';
  }
}

/** Checks a fence given by a caller: a whole number of at least 0. */
export function checkFence(fence: number): number {
  if (!Number.isSafeInteger(fence) || fence < 0) {
    throw new RangeError(`A fence must be a whole number of at least 0, got ${String(fence)}`);
  }
  return fence;
}

export const READ_MODEL_STORE = Symbol.for('licences.ReadModelStore');

/**
 * Another process is rebuilding the projection: a second rebuild would reset the first one's
 * tables under it, and the first would then swap in a model missing events. Nothing was changed.
 */
export class RebuildRunningError extends Error {
  readonly code = 'REBUILD_RUNNING';

  constructor(readonly projection: ProjectionName) {
    super(`A rebuild of ${projection} is already running`);
    this.name = 'RebuildRunningError';
  }
}
