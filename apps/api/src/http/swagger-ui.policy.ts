import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { API_CONTENT_SECURITY_POLICY } from './content-security-policy';
import type { CspDirectives } from './content-security-policy';
import { sha256Source } from './inline-style-hashes';

/** The scripts the Swagger UI page loads, which build the rest of the page. */
const SCRIPTS = ['swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js'];

/** A React `<style>` element with constant content, as the scripts are compiled. */
const STYLE_ELEMENT = /createElement\("style",null,("(?:[^"\\]|\\.)*")\)/g;

/**
 * The `<style>` elements the Swagger UI's own scripts insert as they render (the top bar's logo),
 * which CSP treats like inline ones: read from the scripts @nestjs/swagger serves, so that an
 * upgrade brings its hashes along. Unreadable scripts give none; the UI then only loses colour.
 */
function scriptStyles(): string[] {
  try {
    const dist = dirname(
      require.resolve('swagger-ui-dist/package.json', {
        paths: [dirname(require.resolve('@nestjs/swagger'))],
      }),
    );
    return SCRIPTS.flatMap((script) =>
      [...readFileSync(join(dist, script), 'utf8').matchAll(STYLE_ELEMENT)].map(
        (match) => JSON.parse(match[1] ?? '""') as string,
      ),
    );
  } catch {
    return [];
  }
}

let cached: CspDirectives | undefined;

/**
 * Swagger UI: its scripts and stylesheet from this origin, the styles its scripts insert by hash,
 * the data: images its stylesheet embeds, and calls to this API ("Try it out"). No eval, no
 * inline script. The inline styles of its page are added per answer (inline-style-hashes.ts).
 */
export function swaggerUiContentSecurityPolicy(): CspDirectives {
  cached ??= {
    ...API_CONTENT_SECURITY_POLICY,
    'script-src': ["'self'"],
    'style-src': ["'self'", ...new Set(scriptStyles().map(sha256Source))],
    'img-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
  };
  return cached;
}
