import { DECISION_ROLES, KNOWN_ROLES } from './decision-roles';
import { parseHistoricalLine } from './historical-line.parser';
import { admissionRefusal } from './import-check';
import type { HistoricalLine } from './import.types';

const CUTOVER = new Date('2025-01-01T00:00:00Z');

function issued(occurredAt: string, role: string): HistoricalLine {
  const parsed = parseHistoricalLine(
    JSON.stringify({
      caseId: '0f8fad5b-d9cb-469f-a165-70867728950e',
      type: 'Issued',
      occurredAt,
      actor: { sub: 'head.of.unit', role },
      data: {
        assessment: { summary: 'Fine', findings: [] },
        validFrom: '2024-12-31',
        validUntil: '2099-12-31',
      },
    }),
    1,
  );
  if (!parsed.ok) throw parsed.error;
  return parsed.line;
}

describe('admissionRefusal', () => {
  it('admits a decision from strictly before the cut-over only', () => {
    expect(admissionRefusal(issued('2024-12-31T23:59:59.999Z', 'assessor'), CUTOVER)).toBeUndefined();
    expect(admissionRefusal(issued('2025-01-01T00:00:00Z', 'assessor'), CUTOVER)).toMatchObject({
      code: 'OCCURRED_AFTER_CUTOVER',
      message: expect.stringContaining('2025-01-01T00:00:00.000Z'),
    });
    // The same instant written in another zone is the same instant.
    expect(admissionRefusal(issued('2025-01-01T00:30:00+01:00', 'assessor'), CUTOVER)).toBeUndefined();
  });

  it('refuses a role this system does not know, whatever word it is', () => {
    expect(admissionRefusal(issued('2024-06-01T10:00:00Z', 'minister'), CUTOVER)).toMatchObject({
      code: 'UNKNOWN_ROLE',
      field: 'actor.role',
      message: expect.stringContaining('Issued is recorded by assessor'),
    });
  });

  it('refuses a known role that cannot take the decision live', () => {
    for (const role of ['admin', 'intake', 'oversight', 'senior-assessor']) {
      expect(admissionRefusal(issued('2024-06-01T10:00:00Z', role), CUTOVER)).toMatchObject({
        code: 'ROLE_MAY_NOT_RECORD',
        message: `a ${role} cannot record Issued; only assessor can`,
      });
    }
  });

  it('gives every event type at least one role, and only known ones', () => {
    for (const roles of Object.values(DECISION_ROLES)) {
      expect(roles.length).toBeGreaterThan(0);
      for (const role of roles) expect(KNOWN_ROLES).toContain(role);
    }
  });
});
