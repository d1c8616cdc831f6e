import { ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import { isRole, PUBLIC_KEY, ROLES_KEY } from './roles';
import type { Principal, Role } from './roles';

interface TokenClaims {
  sub?: unknown;
  role?: unknown;
  roles?: unknown;
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
    const actingRole = allowed.find((r) => roles.includes(r));
    if (!actingRole) {
      throw new ForbiddenException(
        `This needs one of the roles ${allowed.join(', ')}; the token has ${roles.join(', ')}`,
      );
    }
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
