import { parseHistoricalLine } from '@licences/licensing-application';
import { DUTCH_VALIDITY_POLICY, replayCase } from '@licences/licensing-domain';
import type { LocalDate } from '@licences/licensing-domain';
import { DEFAULT_DEMO_SEED, DemoPlan } from './demo-plan';
import { IMPORTED_DEVIATIONS } from './demo-plan.types';
import type { CaseScript } from './demo-plan.types';
import { importLineOf } from './imported-history';

const plan = (cases: number, today = '2026-11-30') =>
  new DemoPlan({ seed: DEFAULT_DEMO_SEED, cases, today: today as LocalDate });

const findingsOf = (script: CaseScript) =>
  replayCase(
    script.case.caseId,
    script.steps.map((step, revision) => ({ revision, event: step.event })),
    DUTCH_VALIDITY_POLICY,
  ).findings;

describe('the imported archive of the demo plan', () => {
  const archive = [...plan(400).importedScripts()];

  it('is a few dozen cases, all decided within the two oldest years of the window', () => {
    expect(archive.length).toBe(32);
    for (const script of archive) {
      expect(script.case.source).toBe('imported');
      for (const step of script.steps) expect(step.at >= '2021-01-01' && step.at < '2023-01-01').toBe(true);
    }
  });

  it('writes lines the import reads, one event each, in each case’s order', () => {
    let n = 0;
    for (const script of archive) {
      for (const step of script.steps) {
        n += 1;
        const parsed = parseHistoricalLine(importLineOf(step), n);
        if (!parsed.ok) throw new Error(`line ${n}: ${parsed.error.message}`);
        expect(parsed.line.caseId).toBe(step.caseId);
        expect(parsed.line.type).toBe(step.event.type);
        expect(parsed.line.occurredAt).toBe(step.at);
        expect(parsed.line.actor.sub.startsWith('demo.')).toBe(true);
      }
    }
    expect([...plan(400).importLines()].length).toBe(n);
  });

  it('plants each deviation, which oversight replay flags as a deviation, and nothing in the other cases', () => {
    const planted = archive.filter((s) =>
      (IMPORTED_DEVIATIONS as readonly string[]).includes(s.case.variant ?? ''),
    );
    expect(new Set(planted.map((s) => s.case.variant))).toEqual(new Set(IMPORTED_DEVIATIONS));
    for (const script of planted) {
      expect(findingsOf(script)).toContainEqual(
        expect.objectContaining({ code: 'VALIDITY_LONGER_THAN_RULE', severity: 'deviation' }),
      );
    }
    const shorter = archive.find((s) => s.case.variant === 'shorter-period') as CaseScript;
    expect(findingsOf(shorter)).toEqual([
      expect.objectContaining({ code: 'VALIDITY_SHORTER_THAN_RULE', severity: 'note' }),
    ]);
    for (const script of archive.filter((s) => s.case.variant === undefined)) {
      expect(findingsOf(script).filter((f) => f.severity === 'deviation')).toEqual([]);
    }
  });

  it('plants an after-sales licence for three years only where the archive lies before the after-sales rule', () => {
    const variants = (today: string) => [...plan(400, today).importedScripts()].map((s) => s.case.variant);
    expect(variants('2026-11-30')).toContain('after-sales-before-rule');
    // From 2028 the archive years (2023-2024) reach past 18 April 2023, when three years became the rule.
    expect(variants('2028-06-01')).not.toContain('after-sales-before-rule');
  });

  it('keeps a small plan small: no archive below twelve cases, at least two deviations from there', () => {
    expect(plan(11).importedCases).toBe(0);
    const small = [...plan(60).importedScripts()];
    expect(small.filter((s) => s.case.variant && s.case.variant !== 'shorter-period').length).toBe(2);
  });
});
