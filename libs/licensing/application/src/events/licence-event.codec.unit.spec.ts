import { LICENCE_EVENT_SCHEMA_VERSION } from '@licences/licensing-domain';
import { decodeLicenceEvent } from './licence-event.codec';

const actor = { sub: 'p.de.vries', role: 'senior-assessor' };

describe('decodeLicenceEvent: events stored before they named their officials (schema v1)', () => {
  it('takes the official of a v1 Issued and Extended from the stored metadata', () => {
    const issued = decodeLicenceEvent(
      'Issued',
      1,
      { decisionDate: '2023-05-01', validUntil: '2026-04-30' },
      { actor },
    );
    expect(issued.data).toEqual({ decisionDate: '2023-05-01', validUntil: '2026-04-30', issuedBy: actor });
    const extended = decodeLicenceEvent('Extended', 1, { decisionDate: '2024-05-01' }, { actor });
    expect(extended.data).toEqual({ decisionDate: '2024-05-01', extendedBy: actor });
  });

  it('reads a v1 revocation as one official’s, without a proposal, with its effect and objection term', () => {
    const stored = {
      circumstances: 'Armed conflict',
      criteria: [2],
      evidence: [],
      validUntilAtRevocation: '2026-04-30',
      decisionDate: '2024-11-28',
    };
    expect(decodeLicenceEvent('RevokedForChangedCircumstances', 1, stored, { actor }).data).toEqual({
      ...stored,
      additionalEvidence: [],
      proposedBy: null,
      proposedOn: null,
      approvedBy: actor,
      effectiveOn: '2024-11-28',
      objectionDeadline: '2025-01-09',
      objectionTermId: 'awb-6:7',
    });
  });

  it('leaves a current payload as stored', () => {
    const data = { decisionDate: '2024-11-28', issuedBy: { sub: 'other', role: 'assessor' } };
    expect(decodeLicenceEvent('Issued', LICENCE_EVENT_SCHEMA_VERSION.Issued, data, { actor }).data).toEqual(
      data,
    );
  });
});
