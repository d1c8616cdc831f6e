import {
  BadRequestException,
  ForbiddenException,
  HttpException,
  HttpStatus,
  Injectable,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { RateLimiter } from './rate-limiter';
import type { RetryAfter } from './rate-limiter';
import { isRole, PUBLIC_KEY, ROLES, ROLES_KEY } from './roles';
import type { Principal, Role } from './roles';
import { IdentityProviderUnavailableError, TokenRefusedError, TokenVerifier } from './token-verifier';
import type { VerifiedToken } from './token-verifier';

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

/** RFC 6750: a 401 tells the client which scheme to use, and whether its token was the problem. */
const REALM = 'Bearer realm="licences"';

/**
 * Every route needs a valid bearer token and one of its roles, unless it is marked public. Rate
 * limits come first: an address that has used up its unauthenticated budget gets 429 before its
 * token is even looked at, so a flood of forged tokens costs no verification.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    private readonly limiter: RateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const http = context.switchToHttp();
    const request = http.getRequest<Request & { principal?: Principal }>();
    const response = http.getResponse<Response>();
    const address = request.ip ?? request.socket.remoteAddress ?? 'unknown';
    refuseIfLimited(response, this.limiter.addressBlocked(address));
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) {
      refuseIfLimited(response, this.limiter.countAddress(address));
      return true;
    }
    let token: VerifiedToken;
    try {
      token = await this.verify(request.headers.authorization, response);
    } catch (error) {
      if (error instanceof UnauthorizedException)
        refuseIfLimited(response, this.limiter.countAddress(address));
      throw error;
    }
    refuseIfLimited(response, this.limiter.countPrincipal(`${token.issuer ?? ''} ${token.sub}`));
    const { roles, sub } = token;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [];
    const fitting = allowed.filter((r) => roles.includes(r));
    if (fitting.length === 0) {
      throw new ForbiddenException(
        `This needs one of the roles ${allowed.join(', ')}; the token has ${roles.join(', ')}`,
      );
    }
    const actingRole = actingRoleOf(request.headers[ACTING_ROLE_HEADER], roles, allowed, fitting);
    request.principal = { sub, roles, actingRole };
    return true;
  }

  private async verify(header: string | undefined, response: Response): Promise<VerifiedToken> {
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!match) {
      response.setHeader('WWW-Authenticate', REALM);
      throw new UnauthorizedException('Send Authorization: Bearer <token>');
    }
    try {
      return await this.verifier.verify(match[1] as string);
    } catch (error) {
      if (error instanceof IdentityProviderUnavailableError) {
        response.setHeader('Retry-After', String(IDENTITY_PROVIDER_RETRY_SECONDS));
        throw new ServiceUnavailableException({ code: error.code, message: error.message });
      }
      if (!(error instanceof TokenRefusedError)) throw error;
      response.setHeader('WWW-Authenticate', `${REALM}, error="invalid_token"`);
      throw new UnauthorizedException({ code: error.code, message: error.message });
    }
  }
}

const IDENTITY_PROVIDER_RETRY_SECONDS = 5;

/** 429 with Retry-After, set on the response itself: the problem filter keeps headers already set. */
function refuseIfLimited(response: Response, retryAfter: RetryAfter): void {
  if (retryAfter === undefined) return;
  response.setHeader('Retry-After', String(retryAfter));
  throw new HttpException(
    { code: 'RATE_LIMITED', message: `Too many requests; try again in ${retryAfter} s` },
    HttpStatus.TOO_MANY_REQUESTS,
  );
}
