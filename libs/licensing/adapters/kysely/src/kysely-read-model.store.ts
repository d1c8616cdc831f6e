import type { RecordedEvent } from '@licences/event-store';
import type { LocalDate } from '@licences/licensing-domain';
import { checkFence } from '@licences/licensing-read-models';
import type {
  CasePage,
  DecisionHistoryEntry,
  DecisionKey,
  DecisionPage,
  DecisionPeriod,
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
import * as statistics from './kysely-statistics.queries';
import * as totals from './kysely-statistics-totals.queries';
import * as periods from './kysely-validity-periods.queries';
import * as overview from './kysely-yearly-overview-totals.queries';
import { KyselyRebuildingStore } from './kysely-rebuilding.store';
import { now } from './kysely-store.base';
import { checkProjectionName as checkName, checkTarget } from './store-arguments';

/**
 * The ReadModelStore port on the shared Kysely queries. An engine's store adds only what is its
 * own: how failures become storage faults, how a projection's writes are serialised, how several
 * reads share one snapshot, and what a rebuild's swap leaves to mend.
 */
export abstract class KyselyReadModelStore extends KyselyRebuildingStore implements ReadModelStore {
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

  async claimFence(name: ProjectionName, fence: number): Promise<boolean> {
    checkName(name);
    checkFence(fence);
    return await this.write(name, (trx) => projections.claimFence(trx, name, fence, now()));
  }

  async fenceOf(name: ProjectionName): Promise<number> {
    checkName(name);
    return await this.query((db) => projections.readFence(db, name));
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
}
