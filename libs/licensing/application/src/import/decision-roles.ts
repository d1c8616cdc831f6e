import type { LicenceEventType } from '@licences/licensing-domain';

/**
 * The roles of this product's officials, as tokens name them (the API's `ROLES`; a unit test in
 * the API keeps the two lists equal, since the application cannot import the app).
 */
export const KNOWN_ROLES = [
  'intake',
  'assessor',
  'senior-assessor',
  'oversight',
  'reporting',
  'admin',
] as const;

export type KnownRole = (typeof KNOWN_ROLES)[number];

export function isKnownRole(value: string): value is KnownRole {
  return (KNOWN_ROLES as readonly string[]).includes(value);
}

/**
 * Which roles may record each event live: the `@Roles` of the API route that records it (a unit
 * test in the API checks every route against this map). A historical line may claim only a role
 * that could take its decision today, so that an import can never put in a decision that no
 * official of this product could have taken. A new event type fails to compile here until it
 * is given its roles.
 */
export const DECISION_ROLES = {
  SondageRequested: ['intake'],
  Applied: ['intake'],
  SondageAnswered: ['assessor'],
  Issued: ['assessor'],
  Denied: ['assessor'],
  Withdrawn: ['intake'],
  Extended: ['assessor'],
  // Four eyes on revocation: an assessor or senior assessor proposes (and may withdraw their
  // proposal); only a senior assessor rejects a proposal or revokes.
  RevocationProposed: ['assessor', 'senior-assessor'],
  RevocationProposalWithdrawn: ['assessor', 'senior-assessor'],
  RevocationProposalRejected: ['senior-assessor'],
  RevokedForChangedCircumstances: ['senior-assessor'],
  Reassessed: ['assessor'],
  Suspended: ['senior-assessor'],
  Reinstated: ['senior-assessor'],
  PutOnHold: ['assessor'],
  Released: ['assessor'],
  // Recorded only when an approved country measure runs (senior assessors propose and approve
  // it); an import refuses the line whatever its role (MEASURE_STEP_NOT_IMPORTED).
  ReassessmentRequested: ['senior-assessor'],
} as const satisfies Readonly<Record<LicenceEventType, readonly KnownRole[]>>;

/** The roles that may record `type`, or none for a type this map does not know. */
export function rolesThatMayRecord(type: string): readonly KnownRole[] {
  return (DECISION_ROLES as Readonly<Record<string, readonly KnownRole[] | undefined>>)[type] ?? [];
}
