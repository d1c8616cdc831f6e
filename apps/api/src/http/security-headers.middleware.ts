import helmet from 'helmet';
import { REPORT_STYLE_SOURCE } from '@licences/licensing-reporting';
import type { NextFunction, Request, Response } from 'express';
import { API_CONTENT_SECURITY_POLICY } from './content-security-policy';
import type { CspDirectives } from './content-security-policy';
import { sendWithInlineStyleHashes } from './inline-style-hashes';
import { swaggerUiContentSecurityPolicy } from './swagger-ui.policy';

/*
 * Security headers on every answer, the problems and the 404s included. The Content-Security-Policy
 * depends on what a path serves: JSON needs nothing (`default-src 'none'`), the Swagger UI its own
 * scripts and styles. Pages the API renders itself (the HTML report) set their own policy, which
 * replaces the one here. The console (/console) may load its own files and talk to the API and,
 * when it signs in through OpenID Connect, to the identity provider.
 */

interface PathPolicy {
  /** A path and everything below it (`/api/docs` covers `/api/docs/x.js`, not `/api/docs-json`). */
  readonly path: string;
  readonly contentSecurityPolicy: CspDirectives;
  /** Licence data must never rest in a browser or proxy cache. */
  readonly noStore: boolean;
  /**
   * The page sent at exactly this path carries inline `<style>` blocks and style attributes; the
   * policy allows those by their hashes, computed from the page as sent.
   */
  readonly hashInlineStyles?: boolean;
}

const DEFAULT_POLICY: PathPolicy = {
  path: '/',
  contentSecurityPolicy: API_CONTENT_SECURITY_POLICY,
  noStore: true,
};

function covers(policy: PathPolicy, path: string): boolean {
  return path === policy.path || path.startsWith(`${policy.path}/`);
}

/** The console: its own scripts, styles, fonts and images; fetches to the API (and the provider). */
export function consoleContentSecurityPolicy(connectSources: readonly string[]): CspDirectives {
  return {
    'default-src': ["'none'"],
    'script-src': ["'self'"],
    // Its own stylesheet, and the HTML report's (by hash) for a report it opens from a blob.
    'style-src': ["'self'", REPORT_STYLE_SOURCE],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': connectSources,
    'manifest-src': ["'self'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
}

/** The policies that differ from the API's, by path. */
function pathPolicies(consoleConnectSources: readonly string[]): PathPolicy[] {
  return [
    {
      path: '/console',
      contentSecurityPolicy: consoleContentSecurityPolicy(consoleConnectSources),
      // The page and its settings say no-store themselves; its hashed files may be cached.
      noStore: false,
    },
    {
      path: '/api/docs',
      contentSecurityPolicy: swaggerUiContentSecurityPolicy(),
      noStore: false,
      hashInlineStyles: true,
    },
  ];
}

/** The most specific policy for a path: the longest path that covers it. */
function policyFor(policies: readonly PathPolicy[], path: string): PathPolicy {
  return policies
    .filter((policy) => covers(policy, path))
    .reduce((best, policy) => (policy.path.length > best.path.length ? policy : best), DEFAULT_POLICY);
}

function helmetFor(directives: CspDirectives) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: Object.fromEntries(Object.entries(directives).map(([name, values]) => [name, [...values]])),
    },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'no-referrer' },
    // Harmless over plain HTTP (browsers ignore it there); binding once TLS is in front.
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    xFrameOptions: { action: 'deny' },
  });
}

/** Sets the security headers, the cache policy and, for pages that need it, their style hashes. */
export function securityHeadersMiddleware(
  consoleConnectSources: readonly string[] = ["'self'"],
): (request: Request, response: Response, next: NextFunction) => void {
  const policies = pathPolicies(consoleConnectSources);
  const helmets = new Map<PathPolicy, ReturnType<typeof helmetFor>>(
    [DEFAULT_POLICY, ...policies].map((policy) => [policy, helmetFor(policy.contentSecurityPolicy)]),
  );
  return (request, response, next) => {
    const policy = policyFor(policies, request.path);
    if (policy.noStore) {
      response.setHeader('Cache-Control', 'no-store');
      // For HTTP/1.0 caches, which know no Cache-Control.
      response.setHeader('Pragma', 'no-cache');
    }
    if (policy.hashInlineStyles && request.path.replace(/\/$/, '') === policy.path) {
      sendWithInlineStyleHashes(response, policy.contentSecurityPolicy);
    }
    helmets.get(policy)?.(request, response, next);
  };
}
