/*
 * The formal application after a sondage may change the details: value, quantity or end user
 * often change between the enquiry and the application. The Applied event records what changed,
 * and flags a destination or end user the sondage's answer was not about.
 */
import { caseDetails } from '../testing/case-events';
import { given } from '../testing/given-when-then';
import { DUAL_USE, to } from '../testing/validity-cases';
import type { Overrides } from '../testing/validity-cases';
import type { ApplyAfterSondage } from './licence.commands';
import type { Applied, LicenceEvent } from './licence.events';
import type { LocalDate } from '../shared/local-date';
import type { CaseDetails } from './licence.values';

const SONDAGE_DETAILS = caseDetails();

function sondage(details: CaseDetails = SONDAGE_DETAILS): LicenceEvent[] {
  return [
    { type: 'SondageRequested', data: { caseId: 'c', details, decisionDate: '2024-09-02' as LocalDate } },
    {
      type: 'SondageAnswered',
      data: {
        outcome: 'positive',
        reasoning: 'Likely.',
        criteria: [],
        decisionDate: '2024-09-16' as LocalDate,
      },
    },
  ];
}

const applyWith = (overrides?: Overrides): ApplyAfterSondage =>
  overrides === undefined
    ? { type: 'ApplyAfterSondage' }
    : { type: 'ApplyAfterSondage', details: caseDetails(overrides) };

/** The Applied event's record of what changed. */
function whenApplied(
  overrides?: Overrides,
  before = sondage(),
): Pick<Applied['data'], 'changes' | 'notCoveredBySondage' | 'details'> {
  const anyApplied: Applied = { type: 'Applied', data: expect.anything() as Applied['data'] };
  const [event] = given(...before)
    .when(applyWith(overrides), '2024-10-01')
    .then([anyApplied]);
  const { changes, notCoveredBySondage, details } = (event as Applied).data;
  return { changes, notCoveredBySondage, details };
}

const GOODS = SONDAGE_DETAILS.goods;
const BUNDESWEHR = SONDAGE_DETAILS.destinations;

describe('applying after a sondage', () => {
  it('given no details, then the sondage details are applied for and nothing changed', () => {
    expect(whenApplied()).toEqual({ details: SONDAGE_DETAILS, changes: [], notCoveredBySondage: [] });
  });

  it('given the same details stated again (keys in another order), then nothing changed', () => {
    const reordered = Object.fromEntries(Object.entries(SONDAGE_DETAILS).reverse()) as unknown as Overrides;
    expect(whenApplied(reordered)).toMatchObject({ changes: [], notCoveredBySondage: [] });
  });

  it('given a higher value, then the goods changed and the sondage still covers destination and end user', () => {
    const goods = [{ ...GOODS[0]!, valueEur: 1_800_000 }];

    expect(whenApplied({ goods })).toEqual({
      details: caseDetails({ goods }),
      changes: [{ field: 'goods', sondage: GOODS, application: goods }],
      notCoveredBySondage: [],
    });
  });

  it('given another end user in the same country, then destinations changed and the end user is not covered', () => {
    const destinations = [to('DE', 'Bundesamt für Ausrüstung')];

    expect(whenApplied({ destinations })).toMatchObject({
      changes: [{ field: 'destinations', sondage: BUNDESWEHR, application: destinations }],
      notCoveredBySondage: ['end-user'],
    });
  });

  it('given another country, then the destination is not covered', () => {
    const destinations = [to('FR', 'Armée de terre')];

    expect(whenApplied({ destinations })).toMatchObject({
      changes: [{ field: 'destinations', sondage: BUNDESWEHR, application: destinations }],
      notCoveredBySondage: ['destination'],
    });
  });

  it('given a global licence with value, end user and a new destination changed, then each changed field once, in a fixed order', () => {
    const goods = [{ ...GOODS[0]!, quantity: 4, valueEur: 3_000_000 }];
    const destinations = [to('DE', 'Marine'), to('NO', 'Norwegian Armed Forces')];

    expect(whenApplied({ kind: 'global', goods, destinations })).toMatchObject({
      changes: [
        { field: 'kind', sondage: 'individual', application: 'global' },
        { field: 'goods', sondage: GOODS, application: goods },
        { field: 'destinations', sondage: BUNDESWEHR, application: destinations },
      ],
      notCoveredBySondage: ['end-user', 'destination'],
    });
  });

  it('given a temporary export where the sondage asked for a definitive one, then the purpose is recorded as added', () => {
    expect(whenApplied({ exportType: 'temporary', temporaryPurpose: 'repair' }).changes).toEqual([
      { field: 'exportType', sondage: 'definitive', application: 'temporary' },
      { field: 'temporaryPurpose', application: 'repair' },
    ]);
  });

  it('given the application drops a destination of the sondage, then it changed but nothing is uncovered', () => {
    const both = caseDetails({ kind: 'global', destinations: [to('DE', 'Bundeswehr'), to('FR', 'Armée')] });
    const result = whenApplied({ kind: 'global', destinations: [to('DE', 'Bundeswehr')] }, sondage(both));

    expect(result.changes.map((c) => c.field)).toEqual(['destinations']);
    expect(result.notCoveredBySondage).toEqual([]);
  });

  it('given another applicant, then APPLICANT_CHANGED: another applicant registers a case of its own', () => {
    const error = given(...sondage())
      .when(
        applyWith({ applicant: { name: 'Other B.V.', chamberOfCommerceNumber: '99999999' } }),
        '2024-10-01',
      )
      .thenThrows('APPLICANT_CHANGED', 'rule-violation');
    // Named as the request body names it, like every other rule's field.
    expect(error.details).toEqual({ field: 'applicant.chamberOfCommerceNumber' });
  });

  it('given the same applicant under a new name, then accepted with the name change recorded', () => {
    const applicant = { name: 'Thales Nederland', chamberOfCommerceNumber: '06061578' };
    expect(whenApplied({ applicant }).changes).toEqual([
      { field: 'applicant', sondage: SONDAGE_DETAILS.applicant, application: applicant },
    ]);
  });

  it('given changed details that break a content rule, then the rule is enforced as at registration', () => {
    given(...sondage())
      .when(applyWith({ destinations: [to('DE'), to('FR')] }), '2024-10-01')
      .thenThrows('SEVERAL_DESTINATIONS_REQUIRE_GLOBAL_LICENCE');
  });

  it('given dual-use goods moved from US to DE, then DUAL_USE_EXPORT_WITHIN_EU', () => {
    const toUs = caseDetails({ ...DUAL_USE, destination: to('US') });
    given(...sondage(toUs))
      .when(applyWith({ ...DUAL_USE, destination: to('DE') }), '2024-10-01')
      .thenThrows('DUAL_USE_EXPORT_WITHIN_EU');
  });

  it('given changed details, then the case goes on with the application details', () => {
    const destinations = [to('FR', 'Armée de terre')];
    const state = given(...sondage())
      .when(applyWith({ destinations }), '2024-10-01')
      .thenState();
    expect(state?.details.destinations).toEqual(destinations);
    expect(state?.sondage?.outcome).toBe('positive');
    expect(state?.applicationChanges).toEqual({
      changes: [{ field: 'destinations', sondage: BUNDESWEHR, application: destinations }],
      notCoveredBySondage: ['destination'],
    });
  });

  it('given a direct application, then the case records no application changes', () => {
    const state = given()
      .when(
        { type: 'RegisterCase', caseId: 'c', procedure: 'application', details: SONDAGE_DETAILS },
        '2024-10-01',
      )
      .thenState();
    expect(state?.applicationChanges).toBeUndefined();
  });
});
