/*
 * Test support (not exported from the library): the parts of historical import lines that the
 * parser and fold specs share, as a file would spell them.
 */

import { parseHistoricalLine } from '../historical-line.parser';
import type { HistoricalLine } from '../import.types';

export const caseId = '0f8fad5b-d9cb-469f-a165-70867728950e';

/** The `data` of a registering line: the body of `POST /api/licences` without its procedure. */
export const details = {
  applicant: { name: 'Thales Nederland B.V.', chamberOfCommerceNumber: '06061578' },
  kind: 'individual',
  afterSales: false,
  goodsCategory: 'military',
  goods: [{ controlListEntry: 'ML5.a', description: 'Fire control radar', quantity: 2, valueEur: 1250000 }],
  exportType: 'definitive',
  firearmsAct: false,
  destinations: [{ country: 'DE', endUser: 'Bundeswehr' }],
};

/** The same case as a file written before cases had several destinations spells it. */
export const legacyDetails = {
  applicant: details.applicant,
  kind: details.kind,
  afterSales: details.afterSales,
  goodsCategory: details.goodsCategory,
  goods: details.goods,
  destination: { country: 'DE', endUser: 'Bundeswehr' },
};

export const assessment = {
  summary: 'No clear risk',
  findings: [{ criterion: 7, finding: 'Low diversion risk' }],
};

/** A line of `caseId` at 10:00 UTC on `date`, parsed; a line the parser refuses throws. */
export function historicalLine(
  type: string,
  date: string,
  actor: { sub: string; role: string },
  data: unknown,
): HistoricalLine {
  const parsed = parseHistoricalLine(
    JSON.stringify({ caseId, type, occurredAt: `${date}T10:00:00Z`, actor, data }),
    1,
  );
  if (!parsed.ok) throw parsed.error;
  return parsed.line;
}
