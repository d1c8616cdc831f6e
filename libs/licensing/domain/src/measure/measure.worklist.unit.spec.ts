import { CaseEvents, ISSUE } from '../testing/case-events';
import { stateAfter } from '../testing/given-when-then';
import type { LicenceCase } from '../licence/licence.state';
import type { LocalDate } from '../shared/local-date';
import { measureWorklist } from './measure.worklist';

function stateOf(events: CaseEvents): LicenceCase {
  return stateAfter(...events.events) as LicenceCase;
}

const to = (country: string) => ({ destination: { country, endUser: `End user in ${country}` } });

describe('the work list of a measure', () => {
  it('holds the pending cases and reassesses the valid licences to the destination only', () => {
    const pending = new CaseEvents('pending-tr').register('2024-10-01', to('TR'));
    const issued = new CaseEvents('issued-tr').register('2024-10-01', to('TR')).decide(ISSUE, '2024-10-02');
    const elsewhere = new CaseEvents('pending-de').register('2024-10-01', to('DE'));
    const denied = new CaseEvents('denied-tr')
      .register('2024-10-01', to('TR'))
      .decide({ type: 'DenyLicence', criteria: [2], reasoning: 'Risk' }, '2024-10-02');
    const list = measureWorklist(
      [pending, issued, elsewhere, denied].map(stateOf),
      'TR',
      '2024-10-10' as LocalDate,
    );
    expect(list).toEqual({ holds: ['pending-tr'], reassessments: ['issued-tr'] });
  });

  it('counts a case to several destinations when any of them is the measure’s', () => {
    const global = new CaseEvents('global').register('2024-10-01', {
      kind: 'global',
      destinations: [
        { country: 'DE', endUser: 'Bundeswehr' },
        { country: 'TR', endUser: 'Turkish army' },
      ],
    });
    expect(measureWorklist([stateOf(global)], 'TR', '2024-10-10' as LocalDate).holds).toEqual(['global']);
  });

  it('leaves out a licence not valid on the approval date', () => {
    const later = new CaseEvents('later')
      .register('2024-10-01', to('TR'))
      .decide({ ...ISSUE, validFrom: '2024-12-01' as LocalDate }, '2024-10-02');
    expect(measureWorklist([stateOf(later)], 'TR', '2024-10-10' as LocalDate).reassessments).toEqual([]);
  });
});
