import { countryGroupsOn, decide, DUTCH_VALIDITY_POLICY, isAnnexIvItem } from '@licences/licensing-domain';
import type { LocalDate } from '@licences/licensing-domain';
import { DEFAULT_DEMO_CASES, DEFAULT_DEMO_SEED, DemoPlan } from './demo-plan';
import type { CaseScript } from './demo-plan.types';

const plan = new DemoPlan({
  seed: DEFAULT_DEMO_SEED,
  cases: DEFAULT_DEMO_CASES,
  today: '2026-11-30' as LocalDate,
});
const scripts: CaseScript[] = [...plan.liveScripts(), ...plan.importedScripts()];
const issues = scripts.flatMap((s) =>
  s.steps.flatMap((step) => (step.event.type === 'Issued' ? [{ script: s, data: step.event.data }] : [])),
);

describe('the demo plan after the fidelity change (issue 12)', () => {
  it('registers every generated case without a domain error, as the decider takes it on its own instant', () => {
    for (const script of scripts) {
      const [first] = script.steps;
      expect(first?.command.type).toBe('RegisterCase');
      const decided = () =>
        decide(
          first!.command,
          undefined,
          { now: new Date(first!.at), actor: first!.actor },
          DUTCH_VALIDITY_POLICY,
        );
      expect(decided).not.toThrow();
    }
  });

  it('never sends dual-use goods to an EU member state unless every item is an Annex IV item', () => {
    let annexIv = 0;
    for (const script of scripts) {
      for (const step of script.steps) {
        const details =
          step.command.type === 'RegisterCase' || step.command.type === 'ApplyAfterSondage'
            ? step.command.details
            : undefined;
        if (!details || details.goodsCategory !== 'dual-use') continue;
        const on = step.at.slice(0, 10) as LocalDate;
        const inEu = details.destinations.filter((d) => countryGroupsOn(d.country, on).groups.includes('EU'));
        if (inEu.length === 0) continue;
        expect(details.goods.every((item) => isAnnexIvItem(item.controlListEntry))).toBe(true);
        annexIv++;
      }
    }
    expect(annexIv).toBeGreaterThan(0);
  });

  it('holds temporary trade-fair exports, transit, brokering, firearms-act and several-destination global licences in plausible shares', () => {
    const cases = scripts.map((s) => s.case);
    const share = (pick: (c: (typeof cases)[number]) => boolean) => cases.filter(pick).length / cases.length;
    expect(share((c) => c.exportType === 'temporary')).toBeGreaterThan(0.02);
    expect(share((c) => c.exportType === 'temporary')).toBeLessThan(0.15);
    expect(cases.filter((c) => c.temporaryPurpose === 'exhibition-or-demonstration').length).toBeGreaterThan(
      5,
    );
    expect(share((c) => c.firearmsAct)).toBeGreaterThan(0.05);
    expect(share((c) => c.firearmsAct)).toBeLessThan(0.3);
    expect(share((c) => c.kind === 'transit')).toBeGreaterThan(0.04);
    expect(share((c) => c.kind === 'brokering')).toBeGreaterThan(0.04);
    const several = cases.filter((c) => c.destinations.length > 1);
    expect(several.length).toBeGreaterThan(10);
    expect(several.every((c) => c.kind === 'global')).toBe(true);
    expect(cases.filter((c) => (c.changedAtApplication ?? []).includes('goods')).length).toBeGreaterThan(3);
    expect(
      cases.filter((c) => (c.changedAtApplication ?? []).includes('destinations')).length,
    ).toBeGreaterThan(0);
  });

  it('issues under the new rows: brokering within the EU for 36 months, and one year for allies where a limit applies', () => {
    const decidedBy = (pick: (i: (typeof issues)[number]) => boolean) =>
      new Set(issues.filter(pick).map((i) => `${i.data.rule.ruleId}/${i.data.rule.months}`));
    expect(
      decidedBy((i) => i.script.case.kind === 'brokering' && i.script.case.destination.group === 'eu'),
    ).toContain('brokering-within-eu/36');
    expect(
      decidedBy(
        (i) => i.script.case.kind === 'brokering' && i.script.case.destination.group === 'non-allied',
      ),
    ).toEqual(new Set(['default/12']));
    const matched = (rowId: string) =>
      issues.filter(
        (i) =>
          i.data.rule.matchedRuleIds.includes(rowId) &&
          i.data.rule.months === 12 &&
          i.script.case.destination.group !== 'non-allied',
      );
    for (const limit of ['temporary-export-one-year', 'transit-one-year', 'firearms-act-one-year']) {
      expect(matched(limit).length).toBeGreaterThan(0);
    }
    const dualUse = issues.filter((i) => i.script.case.goodsCategory === 'dual-use');
    expect(dualUse.some((i) => i.data.rule.legalMaximum?.ruleId === 'dual-use-eu-maximum')).toBe(true);
  });

  it('puts changed application details into the import file, which the import decides like a live application', () => {
    const sondages = new Set<string>();
    const changed = [...plan.importLines()].filter((line) => {
      const parsed = JSON.parse(line) as { caseId: string; type: string; data: Record<string, unknown> };
      if (parsed.type === 'SondageRequested') sondages.add(parsed.caseId);
      return parsed.type === 'Applied' && sondages.has(parsed.caseId) && 'destinations' in parsed.data;
    });
    expect(changed.length).toBeGreaterThan(0);
    const imported = [...plan.importedScripts()].flatMap((s) => s.steps.map((step) => step.event));
    expect(imported.some((e) => e.type === 'Applied' && e.data.procedure === 'sondage')).toBe(true);
  });
});
