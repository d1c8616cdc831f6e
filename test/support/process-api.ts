import { DEVELOPMENT_JWT_SECRET } from '../../apps/api/src/config/app-config';
import { signHs256 } from './tokens';

/**
 * A token for an API process in development mode without LICENCES_JWT_SECRET (signed as
 * `npm run token` does then), valid for an hour.
 */
export function developmentToken(sub: string, roles: string[]): string {
  return signHs256({ sub, roles }, DEVELOPMENT_JWT_SECRET);
}

/** One HTTP exchange with an API process: the status, the body (parsed when JSON) and how long it took. */
export async function callApi(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown } = {},
): Promise<{ status: number; body: any; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(options.token && { authorization: `Bearer ${options.token}` }),
      ...(options.body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  const json = (response.headers.get('content-type') ?? '').includes('json');
  return {
    status: response.status,
    body: json && text ? JSON.parse(text) : text,
    ms: performance.now() - started,
  };
}
