import {
  addDays,
  amsterdamDateOf,
  decide,
  DUTCH_VALIDITY_POLICY,
  evolve,
  replayCase,
} from '@licences/licensing-domain';
import type { LicenceEvent, LicenceState, LocalDate } from '@licences/licensing-domain';
import { rolesThatMayRecord } from '@licences/licensing-application';
import { DESTINATION_GROUPS } from './destinations.catalogue';
import { DEFAULT_DEMO_CASES, DEFAULT_DEMO_SEED, DemoPlan } from './demo-plan';
import { DEMO_OUTCOMES, DEMO_PATHS } from './demo-plan.types';
import type { CaseScript, DemoCase } from './demo-plan.types';

const TODAY = '2026-11-30' as LocalDate;
const plan = (options: { seed?: number; cases?: number; today?: string } = {}) =>
  new DemoPlan({
    seed: options.seed ?? DEFAULT_DEMO_SEED,
    cases: options.cases ?? DEFAULT_DEMO_CASES,
    today: (options.today ?? TODAY) as LocalDate,
  });

const everything = (p: DemoPlan) => JSON.stringify({ steps: [...p.steps()], lines: [...p.importLines()] });
const liveCases = (p: DemoPlan): DemoCase[] => [...p.liveScripts()].map((s) => s.case);

/** Folds a case's planned commands through the decider on their own instants, as the executor does. */
function decideScript(script: CaseScript): LicenceEvent[] {
  let state: LicenceState = undefined;
  return script.steps.flatMap((step) => {
    const context = { now: new Date(step.at), actor: step.actor };
    const events = decide(step.command, state, context, DUTCH_VALIDITY_POLICY);
    state = events.reduce<LicenceState>((s, event) => evolve(s, event), state);
    return events;
  });
}

/** Every event a script records, in revision order. */
const eventsOf = (script: CaseScript): LicenceEvent[] =>
  script.steps.flatMap((step) => [step.event, ...(step.alsoRecorded ?? [])]);

describe('the demo plan', () => {
  const defaultPlan = plan();

  it('is the same for the same seed and today, and differs for another seed or another today', () => {
    const first = everything(defaultPlan);
    expect(everything(plan())).toBe(first);
    expect(everything(plan({ seed: DEFAULT_DEMO_SEED + 1 }))).not.toBe(first);
    expect(everything(plan({ today: '2026-12-01' }))).not.toBe(first);
    const ids = (p: DemoPlan) => new Set([...p.liveScripts()].map((s) => s.case.caseId));
    const other = ids(plan({ seed: 7 }));
    expect([...ids(defaultPlan)].filter((id) => other.has(id))).toEqual([]);
  });

  it('takes every lifecycle path, outcome, destination group, kind and goods category at the default size', () => {
    const cases = liveCases(defaultPlan);
    const seen = <T>(values: T[]) => [...new Set(values)].sort();
    expect(seen(cases.map((c) => c.path))).toEqual([...DEMO_PATHS].sort());
    expect(seen(cases.map((c) => c.outcome))).toEqual([...DEMO_OUTCOMES].sort());
    expect(seen(cases.map((c) => c.destination.group))).toEqual([...DESTINATION_GROUPS].sort());
    expect(seen(cases.map((c) => c.kind))).toEqual(['brokering', 'global', 'individual', 'transit']);
    expect(seen(cases.map((c) => c.goodsCategory))).toEqual(['dual-use', 'military']);
    const countries = new Set(cases.map((c) => c.destination.country));
    for (const country of ['TR', 'GB', 'FI', 'SE', 'MK', 'AU', 'JP', 'NZ', 'CH', 'AE', 'SA', 'IN']) {
      expect(countries).toContain(country);
    }
    expect(cases.filter((c) => c.afterSales).length).toBeGreaterThan(10);
    expect(cases.filter((c) => c.extensions >= 2).length).toBeGreaterThan(0);
    expect(cases.filter((c) => c.valueEur > 2_000_000).length).toBeGreaterThan(10);
    expect(cases.filter((c) => c.outcome === 'revoked' && c.extensions > 0).length).toBeGreaterThan(0);
    const pending = cases.filter((c) => c.outcome.startsWith('pending'));
    expect(pending.length).toBeGreaterThanOrEqual(3);
    expect(pending.length).toBeLessThan(cases.length / 10);
  });

  it('holds licences valid today and some that expire within 90 days', () => {
    const valid = liveCases(defaultPlan).filter(
      (c) => c.outcome === 'issued' && c.validFrom! <= TODAY && TODAY <= c.validUntil!,
    );
    expect(valid.length).toBeGreaterThan(20);
    expect(valid.filter((c) => c.validUntil! <= '2027-02-28').length).toBeGreaterThan(2);
  });

  it('plans every decision in office hours within the five whole years before today and this year up to yesterday', () => {
    const years = new Map<string, number>();
    let previous = '';
    for (const step of defaultPlan.steps()) {
      const date = step.at.slice(0, 10);
      expect(amsterdamDateOf(new Date(step.at))).toBe(date);
      expect(date >= '2021-01-01' && date <= '2026-11-29').toBe(true);
      expect(step.at >= previous).toBe(true);
      previous = step.at;
      years.set(date.slice(0, 4), (years.get(date.slice(0, 4)) ?? 0) + 1);
    }
    expect([...years.keys()].sort()).toEqual(['2021', '2022', '2023', '2024', '2025', '2026']);
    for (const count of years.values()) expect(count).toBeGreaterThan(100);
  });

  it('plans only commands the decider accepts, each on its own instant, without deviations', () => {
    for (const script of defaultPlan.liveScripts()) {
      const events = decideScript(script);
      expect(events).toEqual(eventsOf(script));
      const { findings } = replayCase(
        script.case.caseId,
        events.map((event, revision) => ({ revision, event })),
        DUTCH_VALIDITY_POLICY,
      );
      expect(findings.filter((f) => f.severity === 'deviation')).toEqual([]);
    }
  });

  it('has each decision taken in a role that may take it live, always by a demo official', () => {
    for (const script of defaultPlan.liveScripts()) {
      for (const step of script.steps) {
        expect(rolesThatMayRecord(step.event.type)).toContain(step.actor.role);
        expect(step.actor.sub.startsWith('demo.')).toBe(true);
        if (step.command.type === 'RegisterCase') {
          expect(step.command.details.applicant.name).toMatch(/^Demo .* B\.V\.$/);
        }
      }
    }
  });

  it('emits each case in revision order, carrying the case on its first step', () => {
    const next = new Map<string, number>();
    for (const step of defaultPlan.steps()) {
      expect(step.sequence).toBe(next.get(step.caseId) ?? 0);
      expect(step.case !== undefined).toBe(step.sequence === 0);
      next.set(step.caseId, step.sequence + step.recorded);
    }
    expect(next.size).toBe(defaultPlan.liveCases);
  });

  it.each([1, 2, 11, 12, 60, 1000])('plans exactly %i cases', (cases) => {
    const p = plan({ cases });
    const live = liveCases(p);
    const imported = [...p.importedScripts()];
    expect(live.length + imported.length).toBe(cases);
    expect(p.countSteps()).toBe([...p.steps()].length);
  });

  it('issues to the United Kingdom as an EU member while the window still reaches back before Brexit', () => {
    const groupsOfBritishIssues = (p: DemoPlan) =>
      [...p.liveScripts()]
        .filter((s) => s.case.destination.country === 'GB')
        .flatMap((s) => s.steps.flatMap((step) => (step.event.type === 'Issued' ? [step.event.data] : [])))
        .map((issued) => [
          issued.decisionDate <= '2020-01-31',
          issued.rule.countryFacts.groups.includes('EU'),
        ]);
    const early = groupsOfBritishIssues(plan({ today: '2025-01-20' }));
    expect(early).toContainEqual([true, true]);
    expect(early).toContainEqual([false, false]);
    expect(groupsOfBritishIssues(defaultPlan).length).toBeGreaterThan(0);
  });

  it.each(['2025-02-14', '2026-06-30', '2026-11-30', '2027-09-01', '2028-01-02'])(
    'holds what the README walkthrough queries at the default size when today is %s',
    (today) => {
      const p = plan({ today });
      const yearAgo = addDays(today as LocalDate, -365);
      const lastYear = String(Number(today.slice(0, 4)) - 1);
      const scripts = [...p.liveScripts(), ...p.importedScripts()];
      const issuedOn = (s: CaseScript) =>
        s.steps.find((step) => step.event.type === 'Issued')?.at.slice(0, 10);
      const germanValidAYearAgo = scripts.filter(
        ({ case: c }) =>
          c.destination.country === 'DE' &&
          c.goodsCategory === 'military' &&
          c.validFrom! <= yearAgo &&
          yearAgo <= c.validUntil!,
      );
      expect(germanValidAYearAgo.length).toBeGreaterThan(0);
      expect(
        scripts.filter((s) => issuedOn(s)?.startsWith(lastYear) && s.case.valueEur > 2_000_000).length,
      ).toBeGreaterThan(0);
      expect(scripts.filter((s) => s.case.outcome === 'revoked').length).toBeGreaterThan(0);
      for (const [from, to] of [
        ['01-01', '03-31'],
        ['04-01', '06-30'],
        ['07-01', '09-30'],
        ['10-01', '12-31'],
      ]) {
        const inQuarter = scripts.filter((s) => {
          const on = issuedOn(s);
          return on !== undefined && on >= `${lastYear}-${from}` && on <= `${lastYear}-${to}`;
        });
        expect(inQuarter.length).toBeGreaterThan(0);
      }
    },
  );

  it('refuses a size, seed or today it cannot plan', () => {
    expect(() => plan({ cases: 0 })).toThrow(RangeError);
    expect(() => plan({ cases: 2.5 })).toThrow(RangeError);
    expect(() => plan({ seed: -1 })).toThrow(RangeError);
    expect(() => plan({ today: '2026-02-30' })).toThrow(RangeError);
  });
});
