import helmet from 'helmet';
import type { NextFunction, Request, Response } from 'express';
import { API_CONTENT_SECURITY_POLICY } from './content-security-policy';
import type { CspDirectives } from './content-security-policy';
import { sendWithInlineStyleHashes } from './inline-style-hashes';

/*
 * Security headers on every answer, the problems and the 404s included. The Content-Security-Policy
 * depends on what a path serves: JSON needs nothing (`default-src 'none'`), the Swagger UI its own
 * scripts and styles. Pages the API renders itself (the HTML report) set their own policy, which
 * replaces the one here. A later part (a console under /console) adds its line to PATH_POLICIES.
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

/**
 * Swagger UI: its scripts and stylesheet from this origin, the inline styles of its page by hash,
 * the data: images its stylesheet embeds, and calls to this API ("Try it out"). No eval, no
 * inline script.
 */
const DOCS_CONTENT_SECURITY_POLICY: CspDirectives = {
  ...API_CONTENT_SECURITY_POLICY,
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
};

const PATH_POLICIES: readonly PathPolicy[] = [
  {
    path: '/api/docs',
    contentSecurityPolicy: DOCS_CONTENT_SECURITY_POLICY,
    noStore: false,
    hashInlineStyles: true,
  },
];

const DEFAULT_POLICY: PathPolicy = {
  path: '/',
  contentSecurityPolicy: API_CONTENT_SECURITY_POLICY,
  noStore: true,
};

function covers(policy: PathPolicy, path: string): boolean {
  return path === policy.path || path.startsWith(`${policy.path}/`);
}

/** The most specific policy for a path: the longest path that covers it. */
function policyFor(path: string): PathPolicy {
  return PATH_POLICIES.filter((policy) => covers(policy, path)).reduce(
    (best, policy) => (policy.path.length > best.path.length ? policy : best),
    DEFAULT_POLICY,
  );
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
export function securityHeadersMiddleware(): (
  request: Request,
  response: Response,
  next: NextFunction,
) => void {
  const helmets = new Map<PathPolicy, ReturnType<typeof helmetFor>>(
    [DEFAULT_POLICY, ...PATH_POLICIES].map((policy) => [policy, helmetFor(policy.contentSecurityPolicy)]),
  );
  return (request, response, next) => {
    const policy = policyFor(request.path);
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
