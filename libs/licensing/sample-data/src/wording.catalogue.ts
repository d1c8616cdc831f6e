import type { Criterion } from '@licences/licensing-domain';

/**
 * Who and what the demo records. Applicants are made up ("Demo ... B.V.", KvK numbers in a
 * 99xxxxxx range) and every official's `sub` starts with `demo.`, so that no sample record can be
 * mistaken for a real company or a real decision.
 */

export type DemoRole = 'intake' | 'assessor' | 'senior-assessor' | 'admin';

export interface DemoOfficial {
  readonly sub: string;
  readonly role: DemoRole;
}

const officials = (role: DemoRole, subs: string): DemoOfficial[] =>
  subs.split(' ').map((sub) => ({ sub: `demo.${sub}`, role }));

/**
 * Intake registers, applies and withdraws; assessors answer, issue, deny and extend; an assessor
 * or senior assessor proposes a revocation, and another senior assessor approves or rejects it.
 */
export const OFFICIALS: Readonly<Record<DemoRole, readonly DemoOfficial[]>> = {
  intake: officials('intake', 'a.bakker m.visser s.smit k.meijer'),
  assessor: officials('assessor', 'j.de-boer l.mulder r.bos e.vos p.peters h.hendriks'),
  'senior-assessor': officials('senior-assessor', 'c.van-dijk w.dekker'),
  // Two, because an import is staged by one administrator and approved by another.
  admin: officials('admin', 't.van-leeuwen n.de-graaf'),
};

export interface DemoApplicant {
  readonly name: string;
  readonly chamberOfCommerceNumber: string;
  readonly goodsCategory: 'military' | 'dual-use' | 'both';
}

export const APPLICANTS: readonly DemoApplicant[] = [
  { name: 'Demo Naval Systems B.V.', chamberOfCommerceNumber: '99000101', goodsCategory: 'military' },
  { name: 'Demo Optronics B.V.', chamberOfCommerceNumber: '99000102', goodsCategory: 'both' },
  { name: 'Demo Defence Electronics B.V.', chamberOfCommerceNumber: '99000103', goodsCategory: 'military' },
  { name: 'Demo Munitions Nederland B.V.', chamberOfCommerceNumber: '99000104', goodsCategory: 'military' },
  { name: 'Demo Aerospace Components B.V.', chamberOfCommerceNumber: '99000105', goodsCategory: 'military' },
  { name: 'Demo Vehicle Systems B.V.', chamberOfCommerceNumber: '99000106', goodsCategory: 'military' },
  { name: 'Demo Secure Communications B.V.', chamberOfCommerceNumber: '99000107', goodsCategory: 'both' },
  { name: 'Demo Precision Machining B.V.', chamberOfCommerceNumber: '99000108', goodsCategory: 'dual-use' },
  { name: 'Demo Composite Materials B.V.', chamberOfCommerceNumber: '99000109', goodsCategory: 'dual-use' },
  { name: 'Demo Sensor Technologies B.V.', chamberOfCommerceNumber: '99000110', goodsCategory: 'dual-use' },
  { name: 'Demo Simulation Systems B.V.', chamberOfCommerceNumber: '99000111', goodsCategory: 'military' },
  { name: 'Demo Trading & Brokerage B.V.', chamberOfCommerceNumber: '99000112', goodsCategory: 'both' },
];

/** End users by kind of licence; `{country}` becomes the destination's name. */
export const END_USERS = {
  government: [
    'Ministry of Defence of {country}',
    'Armed forces of {country}',
    'Navy of {country}',
    'Air force of {country}',
    'National police of {country}',
  ],
  industry: [
    'Demo Shipyard ({country})',
    'Demo Systems Integrator ({country})',
    'Demo Maintenance Depot ({country})',
  ],
} as const;

/**
 * Where goods go for a while and come back (temporary export, Kamerstuk 22054-388 "aanvragen voor
 * beurzen"): trade fairs and demonstrations per country, repair and testing at a company there.
 */
export const TEMPORARY_END_USERS = {
  'exhibition-or-demonstration': {
    FR: ['Eurosatory, Paris Nord Villepinte', 'Euronaval, Paris Le Bourget'],
    DE: ['ILA Berlin Air Show', 'Enforce Tac, Nuremberg'],
    GB: ['DSEI, ExCeL London', 'Farnborough International Airshow'],
    US: ['AUSA Annual Meeting, Washington DC', 'Sea-Air-Space, National Harbor'],
    PL: ['MSPO, Kielce'],
    AE: ['IDEX, Abu Dhabi'],
    SA: ['World Defense Show, Riyadh'],
    IN: ['DefExpo, Gandhinagar'],
    TR: ['IDEF, Istanbul'],
    AU: ['Land Forces, Brisbane'],
    JP: ['DSEI Japan, Makuhari Messe'],
    '*': ['Live-fire demonstration to the armed forces of {country}'],
  },
  repair: ['Demo Maintenance Depot ({country})'],
  testing: ['Test range of the armed forces of {country}'],
} as const;

export const ISSUE_SUMMARIES = [
  'No clear risk under the criteria of Common Position 2008/944/CFSP',
  'Acceptable: end use and end user verified, no clear risk found',
  'No objections from the criteria assessment; end-user certificate on file',
] as const;

/** Findings an assessment records, per criterion; at least one goes into every issue and extension. */
export const FINDINGS: Readonly<Partial<Record<Criterion, readonly string[]>>> = {
  1: ['No embargo or international obligation applies to the destination'],
  2: [
    'No indication that the goods would be used for internal repression',
    'Human rights situation monitored; no link with the goods found',
  ],
  4: ['No effect on regional peace and stability expected'],
  7: ['End-user certificate verified; low risk of diversion', 'Re-export clause signed by the end user'],
  8: ['Proportionate to the technical and economic capacity of the recipient'],
};

export const DENIALS: readonly { readonly criteria: readonly Criterion[]; readonly reasoning: string }[] = [
  { criteria: [2], reasoning: 'Clear risk that the goods might be used for internal repression' },
  { criteria: [2, 3], reasoning: 'Risk of use in internal repression and of prolonging an armed conflict' },
  { criteria: [4], reasoning: 'Clear risk of use in aggression against another country' },
  {
    criteria: [7],
    reasoning: 'Risk of diversion to an unauthorised end user; end-user statement unreliable',
  },
  {
    criteria: [6, 7],
    reasoning: 'Buyer country behaviour and diversion risk: earlier re-export without consent',
  },
  { criteria: [1], reasoning: 'An arms embargo applies to the final destination' },
  { criteria: [2, 4, 7], reasoning: 'Cumulative risks under criteria 2, 4 and 7' },
];

export const WITHDRAWALS = [
  'Contract negotiations ended without an order',
  'The end user cancelled the tender',
  'Applicant will apply again with a revised goods list',
  'The transaction moved to another supplier',
] as const;

export const SONDAGE_POSITIVE = [
  'Acceptable under unchanged circumstances',
  'A licence is likely if the end-user certificate is confirmed',
] as const;

export const SONDAGE_NEGATIVE: readonly {
  readonly criteria: readonly Criterion[];
  readonly reasoning: string;
}[] = [
  {
    criteria: [2],
    reasoning: 'An application would likely be denied: human rights concerns in the destination',
  },
  { criteria: [4], reasoning: 'An application would likely be denied: regional tensions' },
  { criteria: [7], reasoning: 'An application would likely be denied: diversion risk' },
];

export const EXTENSION_SUMMARIES = [
  'Re-assessed against the current situation: no change in the risk picture',
  'Deliveries delayed by the manufacturer; risk assessment unchanged',
] as const;

export const REVOCATIONS: readonly {
  readonly circumstances: string;
  readonly criteria: readonly Criterion[];
  readonly evidence: readonly {
    readonly title: string;
    readonly source: string;
    readonly reference: string;
  }[];
}[] = [
  {
    circumstances: 'Armed conflict broke out in the region of the end user',
    criteria: [2, 3],
    evidence: [
      {
        title: 'Situation report on the armed conflict',
        source: 'United Nations Security Council',
        reference: 'DEMO-S/{year}/{n}',
      },
      {
        title: 'Embassy report on the security situation',
        source: 'Ministry of Foreign Affairs',
        reference: 'DEMO-AMB-{year}-{n}',
      },
    ],
  },
  {
    circumstances: 'Credible reports that goods of this type were used against civilians',
    criteria: [2],
    evidence: [
      {
        title: 'Investigation into the use of military equipment',
        source: 'UN Human Rights Council',
        reference: 'DEMO-A/HRC/{year}/{n}',
      },
    ],
  },
  {
    circumstances: 'The end user re-exported earlier deliveries without consent',
    criteria: [7],
    evidence: [
      {
        title: 'Post-shipment verification report',
        source: 'Ministry of Foreign Affairs',
        reference: 'DEMO-PSV-{year}-{n}',
      },
      {
        title: 'Customs investigation summary',
        source: 'Dutch Customs (FIOD)',
        reference: 'DEMO-FIOD-{year}-{n}',
      },
    ],
  },
  {
    circumstances: 'An arms embargo was imposed on the destination',
    criteria: [1],
    evidence: [
      {
        title: 'Council Decision imposing restrictive measures',
        source: 'Council of the European Union',
        reference: 'DEMO-CFSP-{year}/{n}',
      },
    ],
  },
];

export const PROPOSAL_REJECTIONS = [
  'The evidence does not show a change of circumstances that warrants revocation',
  'End use re-verified on site; the risk assessment stands',
] as const;

export const PROPOSAL_WITHDRAWALS = [
  'The reported incident concerned another end user',
  'New information shows the goods were not involved',
] as const;

/** Reassessments on new information (Common Position art. 1(1a)): the summary by outcome. */
export const REASSESSMENT_SUMMARIES = {
  maintained: [
    'Reassessed after new reporting on the destination; the earlier assessment stands',
    'Reassessed on a change in the region; no clear risk under the criteria, licence maintained',
    'Reassessed at the request of the minister; end use still as assessed at issue',
  ],
  'revocation-proposed': [
    'Reassessed on new information; the circumstances have changed so that the licence would now be denied',
  ],
} as const;

export const SUSPENSION_REASONS = [
  'Reports of possible diversion are being investigated; the licence is not to be used meanwhile',
  'Escalation in the country of destination; suspended pending a reassessment',
] as const;

export const REINSTATEMENTS = [
  'The investigation found no diversion; the licence may be used again',
  'The situation has stabilised; the reassessment maintains the licence',
] as const;

/** Holds ("aanhouden") of a pending case, and their release. */
export const HOLDS = [
  'Held pending consultation of the Ministry of Foreign Affairs on the situation in the country',
  'Held while end-user information is verified with the embassy',
] as const;

export const RELEASES = [
  'Consultation completed; the application is assessed again',
  'End-user information confirmed',
] as const;
