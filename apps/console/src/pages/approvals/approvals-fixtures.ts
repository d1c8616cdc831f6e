import type { ImportSummary } from '../../api/import.types';
import type { MeasureSummary } from '../../api/measure.types';

const NO_STEPS = { done: 0, total: 0, notApplicable: 0 };

export function measure(id: string, destination: string, proposer: string): MeasureSummary {
  return {
    id,
    destination,
    legalGround: 'Kamerstuk 22054-316',
    reasons: 'Militaire operatie',
    status: 'proposed',
    proposedBy: { sub: proposer, role: 'senior-assessor' },
    proposedOn: '2026-11-30',
    approvedBy: null,
    approvedOn: null,
    rejectedBy: null,
    rejectionReason: null,
    liftedBy: null,
    liftedOn: null,
    liftReason: null,
    executed: false,
    liftExecuted: false,
    progress: { holds: NO_STEPS, reassessments: NO_STEPS, releases: NO_STEPS },
  };
}

/** Only what the queue reads of a licence with an open revocation proposal. */
export function proposedRevocation(id: string, applicant: string, proposer: string) {
  return {
    id,
    applicant: { name: applicant, chamberOfCommerceNumber: '12345678' },
    destinations: [{ country: 'TR', endUser: 'Ministry of Defence' }],
    revocationProposal: {
      proposedBy: { sub: proposer, role: 'senior-assessor' },
      proposedOn: '2026-11-20',
      circumstances: 'Gewapend conflict uitgebroken',
      criteria: [2, 4],
      evidence: [],
    },
  };
}

export function stagedImport(importId: string, uploader: string): ImportSummary {
  return {
    importId,
    status: 'staged',
    stagedAt: '2026-11-30T10:00:00.000Z',
    uploadedBy: { sub: uploader, role: 'admin' },
    bytes: 1000,
    lines: 2,
    accepted: 1,
    refusedTotal: 0,
    deviations: 0,
  };
}
