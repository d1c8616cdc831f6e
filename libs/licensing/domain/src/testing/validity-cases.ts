/*
 * Case details and an issue through the decider for the validity-table specs (tests only; not
 * exported from the library's index).
 */
import type { Issued } from '../licence/licence.events';
import type { CaseDetails, Destination } from '../licence/licence.values';
import { appliedEvent, ISSUE } from './case-events';
import type { caseDetails } from './case-events';
import { given } from './given-when-then';

export type Overrides = Parameters<typeof caseDetails>[0];

export const to = (country: string, endUser = `End user in ${country}`): Destination => ({
  country,
  endUser,
});

export const DUAL_USE: Overrides = {
  goodsCategory: 'dual-use',
  goods: [
    { controlListEntry: '5A002.a', description: 'Encryption equipment', quantity: 10, valueEur: 50_000 },
  ],
};
export const FIREARMS: Overrides = {
  firearmsAct: true,
  goods: [{ controlListEntry: 'ML1.a', description: 'Rifles', quantity: 20, valueEur: 40_000 }],
};
export const TRADE_FAIR: Overrides = {
  exportType: 'temporary',
  temporaryPurpose: 'exhibition-or-demonstration',
};

/** The Issued event the decider records when `details` are applied for and issued on `on`. */
export function whenIssuedOn(details: CaseDetails, on: string): Issued['data'] {
  const anyIssue: Issued = { type: 'Issued', data: expect.anything() as Issued['data'] };
  const [event] = given(appliedEvent(details, on)).when(ISSUE, on).then([anyIssue]);
  return (event as Issued).data;
}
