import type { Session } from '../auth/session';
import { problemOf } from './api-problem';

export type QueryValue = string | number | boolean | undefined | readonly string[];
export type Query = Readonly<Record<string, QueryValue>>;

/** `?a=1&b=x&b=y`, leaving out what is undefined or empty. */
export function queryString(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === '') continue;
    if (Array.isArray(value)) for (const item of value as readonly string[]) params.append(name, item);
    else params.append(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export interface CommandOptions {
  /** The case revision the official saw: the API refuses the command if the case moved on. */
  readonly revision?: number;
  /** One key per submitted form, so that a repeated click or a retry records one decision. */
  readonly idempotencyKey?: string;
}

/**
 * The console's only way to the system: the public API, with the signed-in official's token.
 * Every answer that is not 2xx becomes an ApiProblem.
 */
export class ApiClient {
  constructor(
    private readonly session: Session,
    private readonly fetchFn: typeof fetch = (...args) => fetch(...args),
  ) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return {
      Accept: 'application/json',
      Authorization: `Bearer ${this.session.token}`,
      // Only a token with several roles needs to say which one acts.
      ...(this.session.roles.length > 1 && { 'X-Acting-Role': this.session.actingRole }),
      ...extra,
    };
  }

  async get<T>(path: string, query?: Query): Promise<T> {
    const response = await this.fetchFn(`${path}${queryString(query)}`, { headers: this.headers() });
    if (!response.ok) throw await problemOf(response);
    return (await response.json()) as T;
  }

  /** A body to download or show as it is (a report in CSV, Markdown or HTML). */
  async getBlob(path: string, query?: Query): Promise<{ blob: Blob; fileName?: string }> {
    const response = await this.fetchFn(`${path}${queryString(query)}`, {
      headers: this.headers({ Accept: '*/*' }),
    });
    if (!response.ok) throw await problemOf(response);
    const disposition = response.headers.get('Content-Disposition') ?? '';
    const fileName = /filename="?([^";]+)"?/.exec(disposition)?.[1];
    return { blob: await response.blob(), ...(fileName && { fileName }) };
  }

  async post<T>(path: string, body?: unknown, options: CommandOptions = {}): Promise<T> {
    const headers = this.headers({
      ...(body !== undefined && { 'Content-Type': 'application/json' }),
      ...(options.revision !== undefined && { 'If-Match': `"${options.revision}"` }),
      ...(options.idempotencyKey !== undefined && { 'Idempotency-Key': options.idempotencyKey }),
    });
    const response = await this.fetchFn(path, {
      method: 'POST',
      headers,
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw await problemOf(response);
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
}
