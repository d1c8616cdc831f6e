import { SetMetadata } from '@nestjs/common';
import type { Role } from '@licences/shared-identity';

export { ROLES, isRole } from '@licences/shared-identity';
export type { Role } from '@licences/shared-identity';

export const ROLES_KEY = 'licences:roles';
export const PUBLIC_KEY = 'licences:public';

/** The roles allowed to call a route; a caller needs one of them. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** A route anyone may call without a token. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The authenticated caller, attached to the request by the guard. */
export interface Principal {
  readonly sub: string;
  readonly roles: readonly Role[];
  /** The one role this request acts in: the only one that fits the route, or the one X-Acting-Role names. */
  readonly actingRole: Role;
}
