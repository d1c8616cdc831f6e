import { BadRequestException, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import { isRole, PUBLIC_KEY, ROLES, ROLES_KEY } from './roles';
import type { Principal, Role } from './roles';

interface TokenClaims {
  sub?: unknown;
  role?: unknown;
  roles?: unknown;
}

/** Names the one role a request acts in, when the token holds more than one that the route allows. */
export const ACTING_ROLE_HEADER = 'x-acting-role';

/**
 * Each request acts in exactly one role: the one the token holds and the route allows, or, when
 * several fit, the one the client names in X-Acting-Role. The role is recorded with the decision
 * and in the access audit, so it is never guessed.
 */
function actingRoleOf(
  header: string | string[] | undefined,
  held: readonly Role[],
  allowed: readonly Role[],
  fitting: readonly Role[],
): Role {
  if (header === undefined) {
    if (fitting.length === 1) return fitting[0] as Role;
    throw new BadRequestException({
      code: 'ACTING_ROLE_REQUIRED',
      message: `The token holds several roles this route allows (${fitting.join(', ')}); name the one to act in with X-Acting-Role`,
    });
  }
  const named = typeof header === 'string' ? header.trim() : undefined;
  if (!isRole(named)) {
    throw new BadRequestException({
      code: 'ACTING_ROLE_UNKNOWN',
      message: `X-Acting-Role must be one role of ${ROLES.join(', ')}`,
    });
  }
  if (!held.includes(named)) {
    throw new ForbiddenException({
      code: 'ACTING_ROLE_NOT_HELD',
      message: `X-Acting-Role names ${named}, which the token does not hold (${held.join(', ')})`,
    });
  }
  if (!allowed.includes(named)) {
    throw new ForbiddenException({
      code: 'ACTING_ROLE_NOT_ALLOWED',
      message: `This route does not allow acting as ${named}; it allows ${allowed.join(', ')}`,
    });
  }
  return named;
}

/** Every route needs a valid bearer token and one of its roles, unless it is marked public. */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const claims = await this.verify(request.headers.authorization);
    const roles = this.rolesOf(claims);
    if (typeof claims.sub !== 'string' || claims.sub === '' || roles.length === 0) {
      throw new UnauthorizedException('The token must name a subject (sub) and a known role');
    }
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [];
    const fitting = allowed.filter((r) => roles.includes(r));
    if (fitting.length === 0) {
      throw new ForbiddenException(
        `This needs one of the roles ${allowed.join(', ')}; the token has ${roles.join(', ')}`,
      );
    }
    const actingRole = actingRoleOf(request.headers[ACTING_ROLE_HEADER], roles, allowed, fitting);
    request.principal = { sub: claims.sub, roles, actingRole };
    return true;
  }

  private async verify(header: string | undefined): Promise<TokenClaims> {
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!match) throw new UnauthorizedException('Send Authorization: Bearer <token>');
    try {
      return await this.jwt.verifyAsync<TokenClaims & object>(match[1] as string, { algorithms: ['HS256'] });
    } catch {
      throw new UnauthorizedException('The token is invalid or expired');
    }
  }

  private rolesOf(claims: TokenClaims): Role[] {
    const raw = Array.isArray(claims.roles) ? (claims.roles as unknown[]) : [claims.role];
    return raw.filter(isRole);
  }
}
