import { render, screen, within } from '@testing-library/react';
import { LanguageProvider } from '../../i18n/i18n';
import type { Language } from '../../i18n/i18n';
import { Timeline } from './timeline';
import type { TimelineFinding, TimelineStep } from './timeline';

const denied: TimelineStep = {
  eventId: 'e-2',
  type: 'Denied',
  actor: { sub: 'demo.j.de-boer', role: 'assessor' },
  decisionDate: '2025-03-10',
  recordedAt: '2025-03-10T23:30:00.000Z',
  imported: null,
  payload: { criteria: [2, 7], reasoning: 'A clear risk of internal repression', decisionDate: '2025-03-10' },
};
const issued: TimelineStep = {
  eventId: 'e-1',
  type: 'Issued',
  actor: { sub: 'demo.r.bos', role: 'assessor' },
  decisionDate: '2021-03-19',
  recordedAt: '2024-11-25T10:00:00.000Z',
  imported: { source: 'register-2021.csv', line: 4 },
  payload: {
    assessment: {
      summary: 'No objections',
      findings: [{ criterion: 7, finding: 'Re-export clause signed' }],
    },
    validFrom: '2021-03-19',
    validUntil: '2022-03-18',
    rule: { ruleId: 'default', policyVersion: 'nl@2019-04-17', source: { reference: 'letter BZ2408569' } },
  },
};

function renderIn(language: Language, steps: TimelineStep[], findings?: Record<string, TimelineFinding[]>) {
  render(
    <LanguageProvider initial={language}>
      <Timeline steps={steps} label="Tijdlijn" {...(findings && { findings })} />
    </LanguageProvider>,
  );
  return screen.getAllByTestId('timeline-step');
}

describe('the timeline of decisions', () => {
  it('shows what was decided, by whom in which role, the business date and the recorded time in Amsterdam, and why', () => {
    const [step] = renderIn('nl', [denied]);
    const text = step?.textContent ?? '';
    expect(within(step as HTMLElement).getByRole('heading').textContent).toBe('Aanvraag afgewezen');
    expect(text).toContain('demo.j.de-boer, als Beoordelaar');
    expect(text).toContain('Besluitdatum: 10 maart 2025');
    // 23:30 UTC is already the next day in Amsterdam: recorded time is an instant, not a date.
    expect(text).toContain('Vastgelegd op: 11 mrt 2025, 00:30:00');
    expect(text).toContain('A clear risk of internal repression');
    expect(text).toContain('2. Mensenrechten en internationaal humanitair recht');
    expect(text).toContain('7. Risico van omleiding of ongewenste wederuitvoer');
    expect(text).not.toContain('Geïmporteerd');
  });

  it('shows the findings per criterion, the validity and rule of an issue, and marks an imported step, in English too', () => {
    const [step] = renderIn('en', [issued]);
    const text = step?.textContent ?? '';
    expect(text).toContain('Licence issued');
    expect(text).toContain('demo.r.bos, as Assessor');
    expect(text).toContain('Imported from an earlier register');
    const table = within(step as HTMLElement).getByRole('table', { name: 'Findings per criterion' });
    expect(table.textContent).toContain('7. Risk of diversion or undesirable re-export');
    expect(table.textContent).toContain('Re-export clause signed');
    expect(text).toContain('Valid until18 March 2022');
    expect(text).toContain('default (nl@2019-04-17): letter BZ2408569');
  });

  it('marks a step with what oversight found about it, and only that step', () => {
    const steps = renderIn('nl', [issued, denied], {
      'e-2': [
        { severity: 'error', code: 'DECIDED_WHILE_ON_HOLD', message: 'Denied while the case was on hold' },
      ],
    });
    expect(steps[1]?.textContent).toContain('DECIDED_WHILE_ON_HOLD');
    expect(steps[1]?.textContent).toContain('Denied while the case was on hold');
    expect(steps[0]?.textContent).not.toContain('DECIDED_WHILE_ON_HOLD');
  });
});
