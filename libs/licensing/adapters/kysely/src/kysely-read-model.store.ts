import type { Kysely } from 'kysely';
import type { RecordedEvent } from '@licences/event-store';
import type { LocalDate } from '@licences/licensing-domain';
import { checkFence, eventLoopTurn } from '@licences/licensing-read-models';
import type {
  CasePage,
  DecisionHistoryEntry,
  DecisionKey,
  DecisionPage,
  DecisionPeriod,
  EventReader,
  LicenceFilter,
  LicenceSort,
  LicenceValidityRow,
  ListedStatisticsFact,
  PageRequest,
  PointInTime,
  ProjectionName,
  ProjectionTarget,
  ReadModelStore,
  RevocationJustification,
  StableLicenceFilter,
  MilitaryDecisionTotals,
  StatisticsFact,
  StatisticsFactKey,
  StatisticsFactSelection,
  YearlyOverviewTotals,
} from '@licences/licensing-read-models';
import * as decisionDates from './kysely-decision-dates.queries';
import * as projections from './kysely-projection.queries';
import * as reads from './kysely-read-model.queries';
import * as rebuilds from './kysely-rebuild.queries';
import * as statistics from './kysely-statistics.queries';
import * as totals from './kysely-statistics-totals.queries';
import * as periods from './kysely-validity-periods.queries';
import * as overview from './kysely-yearly-overview-totals.queries';
import type { ReadModelDatabase } from './read-model.records';
import { nameSwappedIndex, projectionIndexes } from './read-model.indexes';
import { dropProjectionTables } from './read-model.schema';
import { checkProjectionName as checkName, checkTarget } from './store-arguments';

type Db = Kysely<ReadModelDatabase>;

/**
 * The ReadModelStore port on the shared Kysely queries. An engine's store adds only what is its
 * own: how failures become storage faults, how a projection's writes are serialised, how several
 * reads share one snapshot, and what a rebuild's swap leaves to mend.
 */
export abstract class KyselyReadModelStore implements ReadModelStore {
  private closed = false;

  protected constructor(private readonly db: Db) {}

  /** Runs `work`, turning the engine's failures of the storage into StorageFaultErrors. */
  protected abstract withFaults<T>(work: () => Promise<T>): Promise<T>;

  /**
   * One transaction writing the projections `names` (one, or several for `projectAll`): rows and
   * checkpoints commit together or not at all.
   */
  protected abstract inWriteTransaction<T>(
    db: Db,
    names: readonly ProjectionName[],
    work: (trx: Db) => Promise<T>,
  ): Promise<T>;

  /** One read-only transaction on a single snapshot of projection `name`'s tables. */
  protected abstract inSnapshot<T>(db: Db, name: ProjectionName, work: (trx: Db) => Promise<T>): Promise<T>;

  /**
   * Inside each transaction that writes a rebuild's tables (its batches and its swap), before the
   * write: where several processes share the store, shows that this process still owns the rebuild.
   */
  protected assertOwnsRebuild(_trx: Db, _name: ProjectionName): Promise<void> {
    return Promise.resolve();
  }

  /** Inside the transaction that starts a rebuild, after its tables and checkpoint exist. */
  protected afterStartRebuild(_trx: Db, _name: ProjectionName): Promise<void> {
    return Promise.resolve();
  }

  /** Inside a rebuild's swap, after the new tables took the live names: what the engine must mend. */
  protected afterSwap(_trx: Db, _name: ProjectionName): Promise<void> {
    return Promise.resolve();
  }

  /** Inside a rebuild's swap: takes the live tables out of the way of the new ones (drops them). */
  protected retireLiveTables(trx: Db, name: ProjectionName): Promise<void> {
    return dropProjectionTables(trx, name);
  }

  /**
   * After a rebuild's swap committed, before the swapped-in indexes take their live names: clears
   * what retireLiveTables left (nothing, by default). Each step in a transaction and a turn of its own.
   */
  protected clearRetiredTables(_name: ProjectionName): Promise<void> {
    return Promise.resolve();
  }

  async checkpoint(name: ProjectionName, target: ProjectionTarget = 'live'): Promise<number> {
    checkName(name);
    checkTarget(target);
    return (await this.query((db) => projections.readCheckpoint(db, name, target))) ?? 0;
  }

  async project(
    name: ProjectionName,
    events: readonly RecordedEvent[],
    target: ProjectionTarget = 'live',
    fence?: number,
  ): Promise<number> {
    checkName(name);
    checkTarget(target);
    if (fence !== undefined) checkFence(fence);
    return await this.write(name, async (trx) => {
      if (target === 'rebuild') await this.assertOwnsRebuild(trx, name);
      return await projections.projectBatch(trx, name, events, target, now(), fence);
    });
  }

  async projectAll(
    names: readonly ProjectionName[],
    events: readonly RecordedEvent[],
  ): Promise<ReadonlyMap<ProjectionName, number>> {
    names.forEach(checkName);
    return await this.query((db) =>
      this.inWriteTransaction(db, names, async (trx) => {
        const checkpoints = new Map<ProjectionName, number>();
        for (const name of names) {
          checkpoints.set(name, await projections.projectBatch(trx, name, events, 'live', now()));
        }
        return checkpoints;
      }),
    );
  }

  async projectStreams(name: ProjectionName, events: readonly RecordedEvent[], upTo?: number): Promise<void> {
    checkName(name);
    if (upTo !== undefined && !(Number.isSafeInteger(upTo) && upTo >= 0)) {
      throw new RangeError(`upTo must be a whole number of at least 0, got ${String(upTo)}`);
    }
    await this.write(name, async (trx) => {
      await this.assertOwnsRebuild(trx, name);
      await projections.projectStreamBatch(trx, name, events, now(), upTo);
    });
  }

  async claimFence(name: ProjectionName, fence: number): Promise<boolean> {
    checkName(name);
    checkFence(fence);
    return await this.write(name, (trx) => projections.claimFence(trx, name, fence, now()));
  }

  async fenceOf(name: ProjectionName): Promise<number> {
    checkName(name);
    return await this.query((db) => projections.readFence(db, name));
  }

  async startRebuild(name: ProjectionName): Promise<void> {
    checkName(name);
    // Old tables an earlier swap failed to clear away still hold the live index names.
    await this.clearRetiredTables(name);
    return await this.write(name, async (trx) => {
      await rebuilds.startRebuild(trx, name, now());
      await this.afterStartRebuild(trx, name);
    });
  }

  /**
   * The indexes are made one at a time, a turn of the event loop between them, before and after
   * the swap: made inside it (as they were), they held an embedded store's thread, so that no
   * request, probe or metric was answered, for 10.9 s at 100k licences. Before the swap each is
   * made on the rebuild's tables (indexRebuildTable); after it, each takes its live name.
   */
  async completeRebuild(name: ProjectionName, readMissing: EventReader): Promise<number> {
    checkName(name);
    // Without a rebuild there are no tables to index: the swap then says why it cannot run.
    if ((await this.query((db) => projections.readCheckpoint(db, name, 'rebuild'))) !== undefined) {
      for (const index of projectionIndexes(name).filter((i) => !i.forWrites)) {
        await this.write(name, async (trx) => {
          await this.assertOwnsRebuild(trx, name);
          await rebuilds.indexRebuildTable(trx, index);
        });
        await eventLoopTurn();
      }
    }
    // The projection's writes wait while readMissing reads the event store: the live tables
    // cannot move past what it returns until the swap commits.
    const position = await this.write(name, async (trx) => {
      await this.assertOwnsRebuild(trx, name);
      const swapped = await rebuilds.completeRebuild(trx, name, readMissing, now(), (db, n) =>
        this.retireLiveTables(db, n),
      );
      await this.afterSwap(trx, name);
      return swapped;
    });
    await this.clearRetiredTables(name);
    for (const index of projectionIndexes(name)) {
      if (await this.write(name, (trx) => nameSwappedIndex(trx, index))) await eventLoopTurn();
    }
    return position;
  }

  async abortRebuild(name: ProjectionName): Promise<void> {
    checkName(name);
    return await this.write(name, (trx) => rebuilds.abortRebuild(trx, name));
  }

  async findValidity(caseId: string): Promise<LicenceValidityRow | undefined> {
    return await this.query((db) => reads.findValidity(db, caseId));
  }

  async listValidity(
    filter: LicenceFilter,
    today: LocalDate,
    page: PageRequest,
    sort?: LicenceSort,
  ): Promise<{ rows: LicenceValidityRow[]; total: number }> {
    // One snapshot for the page and its total.
    return await this.read('licence-validity', (trx) => reads.listValidity(trx, filter, today, page, sort));
  }

  async listCasesAt(
    filter: LicenceFilter,
    at: PointInTime,
    on: LocalDate,
    page: PageRequest,
    sort?: LicenceSort,
  ): Promise<CasePage> {
    // One snapshot for the page and its total.
    return await this.read('decision-history', (trx) => periods.listCasesAt(trx, filter, at, on, page, sort));
  }

  async findCaseIds(filter: StableLicenceFilter, asOf?: string): Promise<string[]> {
    return await this.query((db) => reads.findCaseIds(db, filter, asOf));
  }

  async historyOf(caseIds: readonly string[], asOf?: string): Promise<Map<string, DecisionHistoryEntry[]>> {
    // One snapshot across the chunks of the IN-list.
    return await this.read('decision-history', (trx) => reads.historyOf(trx, caseIds, asOf));
  }

  async decisionKeysBetween(
    period: DecisionPeriod,
    after: DecisionKey | undefined,
    limit: number,
  ): Promise<DecisionKey[]> {
    return await this.query((db) => decisionDates.decisionKeysBetween(db, period, after, limit));
  }

  async decisionPageBetween(period: DecisionPeriod, page: PageRequest): Promise<DecisionPage> {
    // One snapshot for the page and its count.
    return await this.read('decision-history', (trx) => decisionDates.decisionPageBetween(trx, period, page));
  }

  async casesDecidedBetween(
    period: DecisionPeriod,
    afterCaseId: string | undefined,
    limit: number,
  ): Promise<string[]> {
    return await this.query((db) => decisionDates.casesDecidedBetween(db, period, afterCaseId, limit));
  }

  async findRevocation(caseId: string): Promise<RevocationJustification | undefined> {
    return await this.query((db) => reads.findRevocation(db, caseId));
  }

  async statisticsFacts(
    fromDate: LocalDate,
    toDate: LocalDate,
    upToPosition: number,
  ): Promise<StatisticsFact[]> {
    return await this.query((db) => statistics.statisticsFacts(db, fromDate, toDate, upToPosition));
  }
  async militaryDecisionTotals(
    fromDate: LocalDate,
    toDate: LocalDate,
    upToPosition: number,
  ): Promise<MilitaryDecisionTotals> {
    // A year's totals and the facts written after the position are two statements: one snapshot.
    return await this.read('statistics', (trx) =>
      totals.militaryDecisionTotals(trx, fromDate, toDate, upToPosition),
    );
  }
  async selectedStatisticsFacts(
    fromDate: LocalDate,
    toDate: LocalDate,
    upToPosition: number,
    selection: StatisticsFactSelection,
  ): Promise<StatisticsFact[]> {
    return await this.query((db) =>
      totals.selectedStatisticsFacts(db, fromDate, toDate, upToPosition, selection),
    );
  }
  async statisticsFactPage(
    fromDate: LocalDate,
    toDate: LocalDate,
    upToPosition: number,
    selection: StatisticsFactSelection,
    after: StatisticsFactKey | undefined,
    limit: number,
  ): Promise<ListedStatisticsFact[]> {
    return await this.query((db) =>
      totals.statisticsFactPage(db, fromDate, toDate, upToPosition, selection, after, limit),
    );
  }
  async statisticsFactDestinations(
    fromDate: LocalDate,
    toDate: LocalDate,
    upToPosition: number,
    selection: StatisticsFactSelection,
  ): Promise<string[]> {
    return await this.query((db) =>
      totals.statisticsFactDestinations(db, fromDate, toDate, upToPosition, selection),
    );
  }
  async yearlyOverviewTotals(
    fromDate: LocalDate,
    toDate: LocalDate,
    upToPosition: number,
  ): Promise<YearlyOverviewTotals> {
    // The counts and the revocations are two statements: one snapshot keeps them together.
    return await this.read('statistics', (trx) =>
      overview.yearlyOverviewTotals(trx, fromDate, toDate, upToPosition),
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.db.destroy();
  }

  /**
   * Every access goes through here, so that a failing storage is a StorageFaultError. A projection
   * batch that fails this way is rolled back with its checkpoint, and the runner applies it again
   * later: nothing is skipped.
   */
  protected query<T>(work: (db: Db) => Promise<T>): Promise<T> {
    return this.withFaults(() => {
      if (this.closed) throw new Error('The read-model store is closed');
      return work(this.db);
    });
  }

  protected write<T>(name: ProjectionName, work: (trx: Db) => Promise<T>): Promise<T> {
    return this.query((db) => this.inWriteTransaction(db, [name], work));
  }

  private read<T>(name: ProjectionName, work: (trx: Db) => Promise<T>): Promise<T> {
    return this.query((db) => this.inSnapshot(db, name, work));
  }
}

function now(): string {
  return new Date().toISOString();
}
