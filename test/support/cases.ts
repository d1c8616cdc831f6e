/** Request bodies a test can start from and vary. */
export function caseBody(overrides: Record<string, unknown> = {}) {
  return {
    procedure: 'application',
    applicant: { name: 'Thales Nederland B.V.', chamberOfCommerceNumber: '06061578' },
    kind: 'individual',
    afterSales: false,
    goodsCategory: 'military',
    goods: [
      { controlListEntry: 'ML5.a', description: 'Fire control radar', quantity: 2, valueEur: 1_250_000 },
    ],
    destination: { country: 'DE', endUser: 'Bundeswehr' },
    ...overrides,
  };
}

/**
 * A case body that names its destinations as a list; `caseBody` keeps the legacy single
 * `destination`, as clients written before several destinations send it.
 */
export function caseBodyTo(
  destinations: readonly { country: string; endUser: string }[],
  overrides: Record<string, unknown> = {},
) {
  const { destination: _legacy, ...body } = caseBody(overrides);
  return { ...body, destinations };
}

export const assessment = {
  summary: 'No clear risk under the Common Position criteria',
  findings: [
    { criterion: 2, finding: 'No concerns on human rights for this end use' },
    { criterion: 7, finding: 'End-user certificate received; low diversion risk' },
  ],
};

export const revocation = {
  circumstances: 'Armed conflict broke out in which the goods could be used',
  criteria: [2, 3],
  evidence: [
    {
      title: 'UN Security Council report',
      source: 'United Nations',
      date: '2025-03-01',
      reference: 'S/2025/123',
      sha256: 'a'.repeat(64),
    },
  ],
};
