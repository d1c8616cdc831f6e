import { createHash } from 'node:crypto';
import type { Response } from 'express';
import { contentSecurityPolicyHeader } from './content-security-policy';
import type { CspDirectives } from './content-security-policy';

const STYLE_ELEMENT = /<style\b[^>]*>([\s\S]*?)<\/style>/gi;
const STYLE_ATTRIBUTE = /\sstyle\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;

/** A text as a CSP hash source, `'sha256-...'`. */
export function sha256Source(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * The CSP sources that allow exactly the inline styles of a page we serve but did not write (the
 * Swagger UI's): each `<style>` block and each `style` attribute by its hash. Attributes need
 * `'unsafe-hashes'`, which lets only those hashed values through, never script.
 */
export function inlineStyleSources(html: string): string[] {
  const blocks = [...html.matchAll(STYLE_ELEMENT)].map((match) => match[1] ?? '');
  const attributes = [...html.matchAll(STYLE_ATTRIBUTE)].map((match) => match[1] ?? match[2] ?? '');
  const hashes = [...new Set([...blocks, ...attributes].map(sha256Source))];
  return attributes.length > 0 ? ["'unsafe-hashes'", ...hashes] : hashes;
}

/**
 * Makes the next HTML page sent on `response` carry `directives` with its own inline styles
 * added to `style-src`, replacing the policy set before.
 */
export function sendWithInlineStyleHashes(response: Response, directives: CspDirectives): void {
  const send = response.send.bind(response);
  response.send = (body?: unknown) => {
    if (typeof body === 'string' && !response.headersSent) {
      const policy = {
        ...directives,
        'style-src': [...(directives['style-src'] ?? []), ...inlineStyleSources(body)],
      };
      response.setHeader('Content-Security-Policy', contentSecurityPolicyHeader(policy));
    }
    return send(body);
  };
}
