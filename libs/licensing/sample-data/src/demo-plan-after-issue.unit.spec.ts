import { parseHistoricalLine } from '@licences/licensing-application';
import { evolve, isOnHold, isValidOn } from '@licences/licensing-domain';
import type { LicenceCase, LicenceEvent, LicenceState, LocalDate } from '@licences/licensing-domain';
import { DEFAULT_DEMO_CASES, DEFAULT_DEMO_SEED, DemoPlan } from './demo-plan';
import type { CaseScript } from './demo-plan.types';
import { importLineOf } from './imported-history';

/*
 * The demo data holds the steps beside a case's main path (issue 13): reassessments, mostly
 * maintained and a few proposing revocation; suspensions reinstated later; holds released later,
 * and a couple still in force today.
 */

const TODAY = '2026-11-30' as LocalDate;
const plan = new DemoPlan({ seed: DEFAULT_DEMO_SEED, cases: DEFAULT_DEMO_CASES, today: TODAY });
const live = [...plan.liveScripts()];
const archive = [...plan.importedScripts()];

const eventsOf = (script: CaseScript): LicenceEvent[] =>
  script.steps.flatMap((step) => [step.event, ...(step.alsoRecorded ?? [])]);
const stateOf = (script: CaseScript): LicenceCase =>
  eventsOf(script).reduce<LicenceState>((s, e) => evolve(s, e), undefined) as LicenceCase;
const count = (scripts: CaseScript[], match: (event: LicenceEvent) => boolean) =>
  scripts.flatMap(eventsOf).filter(match).length;

describe('the demo plan: reassessments, suspensions and holds', () => {
  it('reassesses some licences, mostly maintaining them, and opens a few revocations by reassessment', () => {
    const maintained = count(live, (e) => e.type === 'Reassessed' && e.data.outcome === 'maintained');
    const proposing = live.filter((s) =>
      s.steps.some(
        (step) => step.event.type === 'Reassessed' && step.event.data.outcome === 'revocation-proposed',
      ),
    );
    expect(proposing.length).toBeGreaterThan(0);
    expect(maintained).toBeGreaterThan(proposing.length);
    for (const script of proposing) {
      const events = eventsOf(script).map((e) => e.type);
      // Recorded as one decision: the reassessment and the proposal it opens.
      expect(events[events.indexOf('Reassessed') + 1]).toBe('RevocationProposed');
      const reassessor = script.steps.find((s) => s.event.type === 'Reassessed')?.actor.sub;
      const approval = script.steps.find((s) => s.command.type === 'ApproveRevocation');
      if (approval) expect(approval.actor.sub).not.toBe(reassessor);
    }
  });

  it('suspends a few licences and reinstates them weeks later, not valid in between', () => {
    const suspended = live.filter((s) => s.steps.some((step) => step.event.type === 'Suspended'));
    expect(suspended.length).toBeGreaterThan(0);
    for (const script of suspended) {
      const suspension = script.steps.find((s) => s.event.type === 'Suspended');
      const reinstatement = script.steps.find((s) => s.event.type === 'Reinstated');
      const licence = stateOf(script);
      const from = suspension?.event.data.decisionDate as LocalDate;
      expect(isValidOn(licence, from)).toBe(false);
      if (!reinstatement) continue;
      const until = reinstatement.event.data.decisionDate;
      expect(until > from).toBe(true);
      expect(licence.suspension).toBeUndefined();
    }
    expect(count(live, (e) => e.type === 'Reinstated')).toBeGreaterThan(0);
  });

  it('holds some pending cases and releases them later; a couple are still on hold today', () => {
    const held = live.filter((s) => s.steps.some((step) => step.event.type === 'PutOnHold'));
    const stillHeld = live.filter((s) => isOnHold(stateOf(s)));
    expect(held.length).toBeGreaterThan(stillHeld.length);
    expect(count(live, (e) => e.type === 'Released')).toBe(held.length - stillHeld.length);
    expect(stillHeld.length).toBeGreaterThanOrEqual(2);
    for (const script of stillHeld)
      expect(['pending-application', 'pending-sondage']).toContain(script.case.outcome);
  });

  it('puts reassessments and released holds in the archive too, as lines the import reads', () => {
    const steps = archive
      .flatMap((s) => s.steps)
      .filter((s) => ['Reassessed', 'PutOnHold', 'Released'].includes(s.event.type));
    expect(new Set(steps.map((s) => s.event.type))).toEqual(new Set(['Reassessed', 'PutOnHold', 'Released']));
    for (const step of steps) {
      const parsed = parseHistoricalLine(importLineOf(step), 1);
      expect(parsed.ok && parsed.line.type).toBe(step.event.type);
    }
  });
});
