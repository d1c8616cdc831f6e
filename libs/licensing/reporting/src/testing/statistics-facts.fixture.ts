import type { LocalDate } from '@licences/licensing-domain';
import type { StatisticsFact, StatisticsGoodsLine } from '@licences/licensing-read-models';

/*
 * Test support (not exported from the library): statistics facts built by hand, so that every
 * number a report test expects can be worked out on paper.
 */

let position = 0;

export const d = (value: string): LocalDate => value as LocalDate;

export const goods = (entry: string, cents: number, description = `Item ${entry}`): StatisticsGoodsLine => ({
  controlListEntry: entry,
  category: /^(ML\d+)/.exec(entry)?.[1] ?? entry.slice(0, 2),
  description,
  valueCents: cents,
});

/** A fact of a definitive individual licence for military goods to DE, unless `extra` says otherwise. */
export function fact(
  kind: StatisticsFact['kind'],
  caseId: string,
  date: string,
  extra: Partial<StatisticsFact> = {},
): StatisticsFact {
  const lines = extra.goods ?? [goods('ML5.a', 100_000_00)];
  return {
    position: ++position,
    caseId,
    kind,
    decisionDate: d(date),
    licenceKind: 'individual',
    exportType: 'definitive',
    temporaryPurpose: null,
    firearmsAct: false,
    destinations: ['DE'],
    endUsers: ['Bundeswehr'],
    goodsCategory: 'military',
    goods: lines,
    totalValueCents: lines.reduce((s, l) => s + l.valueCents, 0),
    validFrom: null,
    validUntil: null,
    ruleMonths: null,
    validityMonths: null,
    policyVersion: null,
    criteria: [],
    outcome: null,
    appliedOn: null,
    circumstances: null,
    ...extra,
  };
}

/** An issued licence: valid from its decision date, on a 36-month rule unless `extra` says otherwise. */
export const issued = (
  caseId: string,
  date: string,
  appliedOn: string,
  extra: Partial<StatisticsFact> = {},
) =>
  fact('issued', caseId, date, {
    validFrom: d(date),
    validUntil: d('2027-03-09'),
    ruleMonths: 36,
    validityMonths: 36,
    appliedOn: d(appliedOn),
    ...extra,
  });

export const denied = (
  caseId: string,
  date: string,
  appliedOn: string,
  criteria: StatisticsFact['criteria'],
  extra: Partial<StatisticsFact> = {},
) => fact('denied', caseId, date, { criteria: [...criteria], appliedOn: d(appliedOn), ...extra });
