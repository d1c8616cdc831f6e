import type { RecordedEvent } from '@licences/event-store';
import type { LocalDate } from '@licences/licensing-domain';
import type { ListedStatisticsFact, StatisticsFact } from './projections/statistics.projection';
import type { DecisionHistoryEntry, LicenceValidityRow, RevocationJustification } from './read-model.rows';
import type {
  CasePage,
  DecisionKey,
  DecisionPage,
  DecisionPeriod,
  LicenceFilter,
  LicenceSort,
  PageRequest,
  StableLicenceFilter,
} from './read-model-queries.types';
import type {
  MilitaryDecisionTotals,
  StatisticsFactKey,
  StatisticsFactSelection,
  YearlyOverviewTotals,
} from './statistics-totals.types';
import type { PointInTime } from './time-travel';

// The port's vocabulary lives in files of its own; importers of the port keep finding it here.
export * from './read-model-queries.types';
export * from './statistics-totals.types';

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
 * The projections each row of which comes from the events of one stream alone: reading the events
 * stream by stream builds the same tables as reading them in global order, which a rebuild does
 * where it can (`ReadModelStore.projectStreams`). A projection that weighs one stream's events
 * against another's must be left out of this set.
 */
export const STREAM_LOCAL_PROJECTIONS: ReadonlySet<ProjectionName> = new Set<ProjectionName>(
  PROJECTION_NAMES,
);

/** Which tables a projection writes to: the live ones queries read, or the fresh ones of a rebuild. */
export type ProjectionTarget = 'live' | 'rebuild';

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
   * Applies to the rebuild of `name` events read stream by stream (`EventStore.readAllByStream`):
   * each stream's events together and in revision order, no stream read again once the pass has
   * left it. For the STREAM_LOCAL_PROJECTIONS only: this order builds the same tables as global
   * order for them, while each case is finished before the next and written once.
   *
   * No global position divides what such a pass applied from what it did not, so the rebuild's
   * checkpoint stays 0 during the pass; the call with `upTo` (the pass's last page, which may be
   * empty) moves it to `upTo` in the same transaction. The rebuild then goes on in global order
   * (`project`, `completeRebuild`).
   * @throws Error, storing nothing, when `name` is not stream-local, no rebuild of it was started,
   * its pass is over, the events are not in stream order, or an event lies after `upTo`.
   */
  projectStreams(name: ProjectionName, events: readonly RecordedEvent[], upTo?: number): Promise<void>;

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
   * The facts `selectedStatisticsFacts` selects, in decision-date order (position order within a
   * date), at most `limit` of them from just after `after` (from the first without it): a page of
   * a report listed line by line whose period is too large to hold at once. Facts are only ever
   * appended, so pages read one after another still belong to one report at `upToPosition`.
   * Each fact holds only the fields a listing prints (`LISTED_FACT_FIELDS`): the others are not read.
   */
  statisticsFactPage(
    fromDate: LocalDate,
    toDate: LocalDate,
    upToPosition: number,
    selection: StatisticsFactSelection,
    after: StatisticsFactKey | undefined,
    limit: number,
  ): Promise<ListedStatisticsFact[]>;

  /**
   * The distinct destination codes of the facts `selectedStatisticsFacts` selects, sorted: what a
   * listing report names before it lists a line.
   */
  statisticsFactDestinations(
    fromDate: LocalDate,
    toDate: LocalDate,
    upToPosition: number,
    selection: StatisticsFactSelection,
  ): Promise<string[]>;

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
