import 'reflect-metadata';
import { DECISION_ROLES, KNOWN_ROLES } from '@licences/licensing-application';
import type { LicenceEventType } from '@licences/licensing-domain';
import { LicencesController } from '../licences/licences.controller';
import { RevocationsController } from '../licences/revocations.controller';
import { ROLES, ROLES_KEY } from '../auth/roles';

type Route =
  Exclude<keyof LicencesController, 'constructor'> | Exclude<keyof RevocationsController, 'constructor'>;

/**
 * The routes that record each event type live. A reassessment request comes only from a country
 * measure, never from a licence route, and an import refuses it whatever its role.
 */
const ROUTES_OF: Record<Exclude<LicenceEventType, 'ReassessmentRequested'>, readonly Route[]> = {
  SondageRequested: ['register'],
  Applied: ['register', 'apply'],
  SondageAnswered: ['answerSondage'],
  Issued: ['issue'],
  Denied: ['deny'],
  Withdrawn: ['withdraw'],
  Extended: ['extend'],
  RevocationProposed: ['proposeRevocation'],
  RevocationProposalWithdrawn: ['withdrawRevocationProposal'],
  RevocationProposalRejected: ['rejectRevocationProposal'],
  RevokedForChangedCircumstances: ['revoke'],
  Reassessed: ['reassess'],
  Suspended: ['suspend'],
  Reinstated: ['reinstate'],
  PutOnHold: ['hold'],
  Released: ['release'],
};

function rolesOf(route: Route): string[] {
  const handler = [LicencesController.prototype, RevocationsController.prototype]
    .map((prototype) => Object.getOwnPropertyDescriptor(prototype, route)?.value as object | undefined)
    .find((found) => found !== undefined);
  if (!handler) throw new Error(`No route handler ${route}`);
  return [...((Reflect.getMetadata(ROLES_KEY, handler) as string[] | undefined) ?? [])].sort();
}

describe('the roles an import admits', () => {
  it('are the roles of the API', () => {
    expect([...KNOWN_ROLES].sort()).toEqual([...ROLES].sort());
  });

  it.each(Object.entries(ROUTES_OF))(
    'for %s, are those of the route that records it live',
    (type, routes) => {
      for (const route of routes) {
        expect(rolesOf(route)).toEqual([...DECISION_ROLES[type as LicenceEventType]].sort());
      }
    },
  );
});
