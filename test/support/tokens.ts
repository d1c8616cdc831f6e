import { createHmac } from 'node:crypto';

/** Seconds since the epoch, as JWT claims count time. */
export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * A compact HS256 JWT, signed synchronously so that tests can build tokens inline; `iat` and a
 * one-hour `exp` are added unless the claims set them (`undefined` leaves a claim out).
 */
export function signHs256(claims: Record<string, unknown>, secret: string): string {
  const payload = Object.fromEntries(
    Object.entries({ iat: nowSeconds(), exp: nowSeconds() + 3600, ...claims }).filter(
      ([, value]) => value !== undefined,
    ),
  );
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

/** An `alg: none` token: what a forger sends hoping the signature is not checked. */
export function unsignedToken(claims: Record<string, unknown>): string {
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ iat: nowSeconds(), exp: nowSeconds() + 3600, ...claims })}.`;
}
