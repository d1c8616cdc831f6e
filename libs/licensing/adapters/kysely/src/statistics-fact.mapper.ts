import type {
  Criterion,
  ExportType,
  GoodsCategory,
  LicenceKind,
  TemporaryExportPurpose,
} from '@licences/licensing-domain';
import { LISTED_FACT_FIELDS } from '@licences/licensing-read-models';
import type {
  ListedStatisticsFact,
  StatisticsFact,
  StatisticsFactKind,
  StatisticsGoodsLine,
} from '@licences/licensing-read-models';
import type { StatisticsFactsTable } from './statistics.records';

/* A statistics fact as one row of statistics_facts, and back. */

export function toStatisticsRecord(fact: StatisticsFact): StatisticsFactsTable {
  return {
    position: fact.position,
    case_id: fact.caseId,
    kind: fact.kind,
    decision_date: fact.decisionDate,
    destination: fact.destinations[0] ?? '',
    end_user: fact.endUsers[0] ?? '',
    licence_kind: fact.licenceKind,
    export_type: fact.exportType,
    temporary_purpose: fact.temporaryPurpose,
    firearms_act: fact.firearmsAct ? 1 : 0,
    destinations: JSON.stringify(fact.destinations),
    end_users: JSON.stringify(fact.endUsers),
    goods_category: fact.goodsCategory,
    goods: JSON.stringify(fact.goods),
    total_value_cents: fact.totalValueCents,
    valid_from: fact.validFrom,
    valid_until: fact.validUntil,
    rule_months: fact.ruleMonths,
    validity_months: fact.validityMonths,
    policy_version: fact.policyVersion,
    criteria: JSON.stringify(fact.criteria),
    outcome: fact.outcome,
    applied_on: fact.appliedOn,
    circumstances: fact.circumstances,
  };
}

const numberOrNull = (value: number | null): number | null => (value === null ? null : Number(value));

/**
 * The columns each listed field is read from (a list also from its column of before several
 * destinations): a field added to LISTED_FACT_FIELDS does not compile until it has its columns.
 */
const COLUMNS_OF_FIELD = {
  position: ['position'],
  caseId: ['case_id'],
  kind: ['kind'],
  decisionDate: ['decision_date'],
  licenceKind: ['licence_kind'],
  exportType: ['export_type'],
  destinations: ['destination', 'destinations'],
  endUsers: ['end_user', 'end_users'],
  goodsCategory: ['goods_category'],
  goods: ['goods'],
  totalValueCents: ['total_value_cents'],
  validUntil: ['valid_until'],
  criteria: ['criteria'],
} as const satisfies Record<keyof ListedStatisticsFact, readonly (keyof StatisticsFactsTable)[]>;

type ListedColumn = (typeof COLUMNS_OF_FIELD)[keyof typeof COLUMNS_OF_FIELD][number];

/** The columns a listing's page reads: those `fromListedRecord` maps. */
export const LISTED_FACT_COLUMNS: readonly ListedColumn[] = LISTED_FACT_FIELDS.flatMap(
  (field) => COLUMNS_OF_FIELD[field],
);

export type ListedFactRecord = Pick<StatisticsFactsTable, ListedColumn>;

/**
 * A row without classification is read as the upcast case would be: definitive, no firearms act,
 * its one destination. Its licence kind was never recorded; such rows are cleared when the store
 * opens and projected again, so `individual` here only keeps the reader total.
 */
export function fromListedRecord(record: ListedFactRecord): ListedStatisticsFact {
  return {
    // bigint columns may come back as strings or bigints from other drivers.
    position: Number(record.position),
    caseId: record.case_id,
    kind: record.kind as StatisticsFactKind,
    decisionDate: record.decision_date,
    licenceKind: (record.licence_kind ?? 'individual') as LicenceKind,
    exportType: (record.export_type ?? 'definitive') as ExportType,
    destinations:
      record.destinations === null ? [record.destination] : (JSON.parse(record.destinations) as string[]),
    endUsers: record.end_users === null ? [record.end_user] : (JSON.parse(record.end_users) as string[]),
    goodsCategory: record.goods_category as GoodsCategory,
    goods: JSON.parse(record.goods) as StatisticsGoodsLine[],
    totalValueCents: Number(record.total_value_cents),
    validUntil: record.valid_until,
    criteria: JSON.parse(record.criteria) as Criterion[],
  };
}

export function fromStatisticsRecord(record: StatisticsFactsTable): StatisticsFact {
  return {
    ...fromListedRecord(record),
    temporaryPurpose: record.temporary_purpose as TemporaryExportPurpose | null,
    firearmsAct: record.firearms_act !== null && Number(record.firearms_act) === 1,
    validFrom: record.valid_from,
    ruleMonths: numberOrNull(record.rule_months),
    validityMonths: numberOrNull(record.validity_months),
    policyVersion: record.policy_version,
    outcome: record.outcome,
    appliedOn: record.applied_on,
    circumstances: record.circumstances,
  };
}
