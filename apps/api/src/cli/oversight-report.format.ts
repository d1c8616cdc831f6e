import type {
  DecisionRecheck,
  DecisionTerms,
  FindingValue,
  LicenceCase,
  OversightFinding,
  WhatIfComparison,
  WhatIfLicence,
} from '@licences/licensing-domain';
import type {
  CaseReplayView,
  DecisionInPeriod,
  DecisionsInPeriodView,
  ReplayStepView,
} from '@licences/licensing-read-models';

/*
 * Plain-text reports for the oversight CLIs: one block per step or licence, each finding on its
 * own line with its code and the recorded against the expected value, so that a reader can
 * check the report against the rules without the JSON.
 */

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

function value(v: FindingValue): string {
  if (v === null) return '(none)';
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  return v.length === 0 ? '(none)' : v.join(', ');
}

function counts(findings: readonly OversightFinding[]): string {
  const deviations = findings.filter((f) => f.severity === 'deviation').length;
  return `${plural(findings.length, 'finding')} (${plural(deviations, 'deviation')}, ${plural(findings.length - deviations, 'note')})`;
}

function findingLines(findings: readonly OversightFinding[], indent: string): string[] {
  return findings.flatMap((f) => [
    `${indent}${f.severity.toUpperCase()} ${f.code}  ${f.field}: recorded ${value(f.recorded)}, expected ${value(f.expected)}`,
    `${indent}  ${f.message}`,
  ]);
}

function terms(t: DecisionTerms): string {
  return `${t.ruleId ?? '(no rule)'}, ${t.months ?? '?'} months, ${t.policyVersion ?? '(no version)'}, until ${t.validUntil}, groups ${value(t.countryGroups)}`;
}

function recheckLines(recheck: DecisionRecheck, indent: string): string[] {
  return [`${indent}recorded: ${terms(recheck.recorded)}`, `${indent}expected: ${terms(recheck.expected)}`];
}

function stateLine(before: LicenceCase | null, after: LicenceCase | null): string {
  const status = (s: LicenceCase | null) => s?.status ?? '(none)';
  const validity =
    after?.validFrom && after.validUntil ? `, valid ${after.validFrom}..${after.validUntil}` : '';
  return `${status(before)} -> ${status(after)}${validity}`;
}

/**
 * What a step beside the main path did, read from the case before and after it: the reason of a
 * hold or suspension, the window a reinstatement closed, the hold a release lifted. Null for the
 * other steps, whose state line says enough.
 */
export function stepDetail(
  step: Pick<ReplayStepView, 'type' | 'stateBefore' | 'stateAfter'> &
    Partial<Pick<ReplayStepView, 'decided'>>,
): string | null {
  const { stateBefore: before, stateAfter: after } = step;
  const measure = (id: string | null | undefined) => (id ? ` (country measure ${id})` : '');
  switch (step.type) {
    case 'PutOnHold': {
      const hold = after?.holds?.at(-1);
      return hold ? `held: ${hold.reason}${measure(hold.measureId)}` : null;
    }
    case 'Released': {
      const lifted = (before?.holds ?? []).filter((h) => !(after?.holds ?? []).includes(h));
      const holds = lifted.map((h) => `held since ${h.heldOn}${measure(h.measureId)}: ${h.reason}`);
      return holds.length > 0 ? `released ${holds.join('; ')}` : null;
    }
    case 'Suspended': {
      const open = after?.suspension;
      return open
        ? `suspended from ${open.suspendedOn} (not valid until reinstated; end date unchanged): ${open.reasons}; criteria ${open.criteria.join(', ') || '(none)'}`
        : null;
    }
    case 'Reinstated': {
      const window = after?.suspensions?.at(-1);
      return window ? `not valid ${window.from}..${window.until}; valid again the day after` : null;
    }
    case 'Reassessed': {
      const answered = (before?.reassessmentRequests ?? []).filter(
        (r) => !(after?.reassessmentRequests ?? []).includes(r),
      );
      const outcome = step.decided && 'outcome' in step.decided ? `, ${step.decided.outcome}` : '';
      return `reassessment ${after?.reassessments ?? '?'} of the licence${outcome}${answered.length > 0 ? `, answering ${answered.map((r) => `measure ${r.measureId}`).join(', ')}` : ''}`;
    }
    case 'ReassessmentRequested': {
      const request = after?.reassessmentRequests?.at(-1);
      return request ? `reassessment requested by country measure ${request.measureId}` : null;
    }
    case 'SondageRequested':
    case 'SondageAnswered':
    case 'Applied':
    case 'Issued':
    case 'Denied':
    case 'Withdrawn':
    case 'Extended':
    case 'RevocationProposed':
    case 'RevocationProposalWithdrawn':
    case 'RevocationProposalRejected':
    case 'RevokedForChangedCircumstances':
      return null;
    default: {
      const unexpected: never = step.type;
      throw new Error(`Unknown step ${String(unexpected)}`);
    }
  }
}

function decisionHeading(
  d: Pick<DecisionInPeriod, 'revision' | 'decisionDate' | 'type' | 'actor' | 'recordedAt'>,
) {
  return `#${d.revision}  ${d.decisionDate}  ${d.type.padEnd(30)} by ${d.actor.sub} (${d.actor.role}), recorded ${d.recordedAt}`;
}

export function formatCaseReplay(replay: CaseReplayView): string {
  const lines = [
    `Replay of case ${replay.id}: ${plural(replay.steps.length, 'step')}, ${counts(replay.findings)}`,
    '',
  ];
  for (const step of replay.steps) {
    lines.push(`  ${decisionHeading(step)}`, `      ${stateLine(step.stateBefore, step.stateAfter)}`);
    const detail = stepDetail(step);
    if (detail) lines.push(`      ${detail}`);
    if (step.recheck) lines.push(...recheckLines(step.recheck, '      '));
    lines.push(
      ...findingLines(
        replay.findings.filter((f) => f.revision === step.revision),
        '      ',
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

export function formatDecisions(view: DecisionsInPeriodView): string {
  const { totals } = view;
  const lines = [
    `Decisions from ${view.from} to ${view.to}: ${plural(totals.decisions, 'decision')}, ${totals.rechecked} re-checked, ${counts(view.findings)}`,
    '',
  ];
  for (const decision of view.decisions) {
    lines.push(`  ${decision.caseId} ${decisionHeading(decision)}`);
    if (decision.recheck) lines.push(...recheckLines(decision.recheck, '      '));
    const own = view.findings.filter((f) => f.caseId === decision.caseId && f.revision === decision.revision);
    lines.push(...findingLines(own, '      '));
  }
  return `${lines.join('\n')}\n`;
}

function licenceLines(l: WhatIfLicence, byContractTerm: boolean): string[] {
  // Motion Ram covers definitive military export licences only: a term on any other licence is
  // shown, but the variant keeps the national rule for it, and the reader must see why.
  const notCovered = byContractTerm && l.contractTermMonths !== null && !l.coveredByVariant;
  const contract =
    l.contractTermMonths === null
      ? 'no contract term'
      : `contract ${l.contractTermMonths} months${notCovered ? ' (not covered by the contract-duration variant: national rule kept)' : ''}`;
  const lines = [
    `  ${l.caseId}  ${l.destination} ${l.kind} ${l.goodsCategory}${l.afterSales ? ' after-sales' : ''}, issued ${l.issuedOn}, ${contract}`,
    `      actual:  until ${l.validUntil.actual} (${l.months.actual ?? '?'} months at issue, until ${l.issuedValidUntil.actual}; ${plural(l.extensions, 'extension')})`,
    `      what-if: until ${l.validUntil.whatIf} (${l.months.whatIf} months by ${l.basis}, until ${l.issuedValidUntil.whatIf}; ${plural(l.extensionsNotNeeded, 'extension')} not needed)`,
    `      difference: ${signed(l.differenceDays)} days`,
  ];
  if (l.revocation) {
    const r = l.revocation;
    lines.push(
      `      revoked ${r.revokedOn}: would have run ${r.whatIfDaysAfterRevocation} days more under the what-if (actual ${r.actualDaysAfterRevocation})${r.whatIfEndedBeforeRevocation ? '; the what-if licence had ended before' : ''}`,
    );
  }
  return lines;
}

export function formatWhatIf(comparison: WhatIfComparison): string {
  const t = comparison.totals;
  return [
    `What-if "${comparison.policy.id}": ${comparison.policy.title}`,
    `Licences issued from ${comparison.from} to ${comparison.to}`,
    '',
    ...comparison.licences.flatMap((l) =>
      licenceLines(l, comparison.policy.validity === 'contract-term-else-national-rule'),
    ),
    '',
    `Totals: ${plural(t.licences, 'licence')}: ${t.longer} longer, ${t.shorter} shorter, ${t.unchanged} unchanged; ${signed(t.differenceDays)} days in all`,
    `        extensions: ${t.extensions}, not needed under the what-if: ${t.extensionsNotNeeded}`,
    `        revoked: ${t.revoked}; days they would have run after revocation: actual ${t.actualDaysAfterRevocation}, what-if ${t.whatIfDaysAfterRevocation}`,
    `        not reached by the variant (national rule kept): ${t.notCoveredByVariant}`,
    '',
  ].join('\n');
}
