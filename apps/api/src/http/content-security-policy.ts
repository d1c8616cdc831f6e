/** Content-Security-Policy directives by name, each with its sources. */
export type CspDirectives = Readonly<Record<string, readonly string[]>>;

/** For JSON and problems: nothing may load, nothing may frame the answer, no base or form target. */
export const API_CONTENT_SECURITY_POLICY: CspDirectives = {
  'default-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/** The directives as one header value. */
export function contentSecurityPolicyHeader(directives: CspDirectives): string {
  return Object.entries(directives)
    .map(([name, values]) => [name, ...values].join(' '))
    .join('; ');
}
