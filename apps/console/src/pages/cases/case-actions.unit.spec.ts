import type { LicenceView } from '../../api/licence.types';
import { offeredActions } from './case-actions';

const official = { sub: 'demo.l.mulder', role: 'senior-assessor' };
const base: Pick<LicenceView, 'status' | 'onHold' | 'holds' | 'revocationProposal' | 'suspension'> = {
  status: 'issued',
  onHold: false,
  holds: [],
};
const proposal = {
  proposedBy: official,
  proposedOn: '2026-11-02',
  circumstances: 'Armed conflict broke out',
  criteria: [2, 3],
  evidence: [],
};

const offered = (
  view: Partial<typeof base>,
  sub: string,
  actingRole: Parameters<typeof offeredActions>[1]['actingRole'],
) => offeredActions({ ...base, ...view }, { sub, actingRole });

describe('the actions a case page offers', () => {
  it('offers intake the application after an answered sondage, and withdrawal while the case is pending', () => {
    expect(offered({ status: 'sondage-answered' }, 'i', 'intake').actions).toEqual(['apply', 'withdraw']);
    expect(offered({ status: 'applied' }, 'i', 'intake').actions).toEqual(['withdraw']);
    expect(offered({ status: 'issued' }, 'i', 'intake').actions).toEqual([]);
  });

  it('offers an assessor the answer, issue and denial only while the case is not on hold, and the release of its own hold', () => {
    expect(offered({ status: 'sondage-requested' }, 'a', 'assessor').actions).toEqual([
      'answer-sondage',
      'hold',
    ]);
    expect(offered({ status: 'applied' }, 'a', 'assessor').actions).toEqual(['issue', 'deny', 'hold']);
    const held = {
      on: true,
      holds: [{ heldOn: '2026-11-01', reason: 'r', heldBy: official, measureId: null }],
    };
    expect(
      offered({ status: 'applied', onHold: held.on, holds: held.holds }, 'a', 'assessor').actions,
    ).toEqual(['release']);
  });

  it("does not offer to release a country measure's hold: lifting the measure releases it", () => {
    const holds = [{ heldOn: '2026-11-01', reason: 'r', heldBy: official, measureId: 'm-1' }];
    expect(offered({ status: 'applied', onHold: true, holds }, 'a', 'assessor').actions).toEqual(['hold']);
  });

  it('offers an assessor extension, reassessment and a proposal on an issued licence, but no extension while suspended', () => {
    expect(offered({}, 'a', 'assessor').actions).toEqual(['extend', 'reassess', 'propose-revocation']);
    const suspension = { suspendedOn: '2026-11-01', suspendedBy: official, reasons: 'r', criteria: [2] };
    expect(offered({ status: 'suspended', suspension }, 'a', 'assessor').actions).toEqual([
      'reassess',
      'propose-revocation',
    ]);
  });

  it('offers a second senior assessor approval and rejection of an open proposal', () => {
    const result = offered({ revocationProposal: proposal }, 'demo.k.jansen', 'senior-assessor');
    expect(result.actions).toEqual(['approve-revocation', 'reject-proposal', 'suspend']);
    expect(result.ownProposal).toBe(false);
  });

  it('offers the senior assessor who proposed the revocation only its withdrawal, never its approval', () => {
    const result = offered({ revocationProposal: proposal }, 'demo.l.mulder', 'senior-assessor');
    expect(result.ownProposal).toBe(true);
    expect(result.actions).not.toContain('approve-revocation');
    expect(result.actions).not.toContain('reject-proposal');
    expect(result.actions).toEqual(['withdraw-proposal', 'suspend']);
  });

  it('offers a senior assessor reinstatement of a suspended licence instead of another suspension', () => {
    const suspension = { suspendedOn: '2026-11-01', suspendedBy: official, reasons: 'r', criteria: [2] };
    expect(offered({ status: 'suspended', suspension }, 's', 'senior-assessor').actions).toEqual([
      'propose-revocation',
      'reinstate',
    ]);
  });

  it('offers nothing on a closed case, nor to oversight', () => {
    for (const status of ['denied', 'withdrawn', 'revoked', 'expired'] as const) {
      for (const role of ['intake', 'assessor', 'senior-assessor'] as const)
        expect(offered({ status }, 'x', role).actions).toEqual([]);
    }
    expect(offered({}, 'o', 'oversight').actions).toEqual([]);
  });
});
