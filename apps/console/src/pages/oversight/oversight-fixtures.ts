import type { DecisionInPeriod, OversightFinding, ReplayStep } from '../../api/oversight.types';

export const CASE_A = '11111111-1111-4111-8111-111111111111';
export const CASE_B = '22222222-2222-4222-8222-222222222222';

export function step(revision: number, type: string, decisionDate: string): ReplayStep {
  return {
    revision,
    type,
    decisionDate,
    occurredAt: `${decisionDate}T09:00:00.000Z`,
    recordedAt: `${decisionDate}T09:00:01.000Z`,
    actor: { sub: `official.${revision}`, role: 'assessor' },
    decided: { decisionDate, reasoning: `reasoning of step ${revision}` },
  };
}

export function decision(caseId: string, revision: number, type: string, date: string): DecisionInPeriod {
  return { ...step(revision, type, date), caseId };
}

export function finding(
  caseId: string,
  revision: number,
  code: string,
  severity: 'deviation' | 'note',
): OversightFinding {
  return {
    caseId,
    revision,
    decisionType: 'Issued',
    decisionDate: '2024-01-02',
    code,
    severity,
    field: 'validUntil',
    recorded: '2027-01-01',
    expected: '2025-01-01',
    message: `${code} explained by the API`,
  };
}
