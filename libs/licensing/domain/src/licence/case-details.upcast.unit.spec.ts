import { caseDetails } from '../testing/case-events';
import { currentCaseDetails } from './case-details.upcast';
import type { CaseDetails } from './licence.values';

/** Details as a read model or an event stored them before cases had several destinations. */
function storedBeforeDestinations(): CaseDetails {
  const { destinations, exportType: _type, firearmsAct: _firearms, ...rest } = caseDetails();
  return { ...rest, destination: destinations[0] } as unknown as CaseDetails;
}

describe('currentCaseDetails: any stored shape read as the current one', () => {
  it('given details with one destination, then one destination, a definitive export and no firearms act', () => {
    const current = currentCaseDetails(storedBeforeDestinations());

    expect(current).toEqual(caseDetails());
    expect('destination' in current).toBe(false);
  });

  it('given current details, then the same object: nothing to upcast', () => {
    const details = caseDetails({ exportType: 'temporary', temporaryPurpose: 'testing', firearmsAct: true });
    expect(currentCaseDetails(details)).toBe(details);
  });

  it('given a list of destinations without export type or firearms act, then the list is kept and the rest filled in', () => {
    const {
      exportType: _type,
      firearmsAct: _firearms,
      ...partial
    } = caseDetails({
      kind: 'global',
      destinations: [
        { country: 'DE', endUser: 'Bundeswehr' },
        { country: 'NO', endUser: 'Forsvaret' },
      ],
    });

    expect(currentCaseDetails(partial as CaseDetails)).toMatchObject({
      destinations: [{ country: 'DE' }, { country: 'NO' }],
      exportType: 'definitive',
      firearmsAct: false,
    });
  });
});
