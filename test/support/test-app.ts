import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { createApp } from '../../apps/api/src/app.factory';
import { loadIdentityConfig } from '../../apps/api/src/auth/identity-config';
import type { Role } from '../../apps/api/src/auth/roles';
import type {
  EventStoreConfig,
  ProjectionMode,
  RateLimits,
  ReadStoreConfig,
} from '../../apps/api/src/config/app-config';
import { assessment, caseBody } from './cases';
import { SettableClock } from './settable-clock';
import { signHs256 } from './tokens';

/** The shared HS256 secret of the test app (at least 32 bytes, as the API requires). */
export const TEST_SECRET = 'e2e-test-secret-of-thirty-two-bytes-or-more';

/**
 * Far above what any test sends from its one address and few principals (the hostile-input run
 * sends 10,000 requests): only the rate-limit tests set limits they mean to reach.
 */
export const TEST_RATE_LIMITS: RateLimits = { perPrincipal: 1_000_000, perAddress: 1_000_000 };

export interface HttpAnswer<T = any> {
  status: number;
  contentType: string;
  headers: Headers;
  body: T;
}

/** The real admin API, listening on loopback with its own data folder and a clock the test sets. */
export class TestApp {
  readonly clock = new SettableClock('2024-11-28T10:00:00Z');
  private app?: INestApplication;
  private baseUrl = '';
  readonly dataDir = mkdtempSync(join(tmpdir(), 'licences-e2e-'));
  /** LICENCES_IMPORT_CUTOVER for the next start; unset, the app refuses imports. */
  importCutover: string | undefined;
  /** The identity settings for the next start, as the environment would give them to `npm start`. */
  identityEnv: Record<string, string> = { LICENCES_JWT_SECRET: TEST_SECRET };
  rateLimits: RateLimits = TEST_RATE_LIMITS;

  /**
   * Without an event-store configuration the app uses its embedded SQLite store; with
   * `external` projections nothing projects, as when no projector runs beside the API.
   */
  constructor(
    private readonly eventStore?: EventStoreConfig,
    private readonly projections: ProjectionMode = 'inline',
    /** Unset, the read models live in SQLite in the data folder; `postgres` names a database of the test's. */
    private readonly readStore?: ReadStoreConfig,
  ) {}

  /** The address it listens on, e.g. `http://127.0.0.1:41234`, once started. */
  get url(): string {
    return this.baseUrl;
  }

  /** The Nest application, for tests that read its route metadata; only while started. */
  get nest(): INestApplication {
    if (!this.app) throw new Error('The test app is not started');
    return this.app;
  }

  async start(): Promise<this> {
    this.app = await createApp({
      dataDir: this.dataDir,
      identity: loadIdentityConfig(this.identityEnv, 'production'),
      rateLimits: this.rateLimits,
      clock: this.clock,
      logger: false,
      projections: this.projections,
      ...(this.eventStore && { eventStore: this.eventStore }),
      ...(this.readStore && { readStore: this.readStore }),
      ...(this.importCutover && { importCutover: new Date(this.importCutover) }),
    });
    await this.app.listen(0, '127.0.0.1');
    const address = this.app.getHttpServer().address() as { port: number };
    this.baseUrl = `http://127.0.0.1:${address.port}`;
    return this;
  }

  async stop(): Promise<void> {
    await this.app?.close();
    this.app = undefined;
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** Signs `{ sub, role }`, or `{ sub, roles }` when given several roles, valid for an hour. */
  token(
    role: string | readonly string[],
    sub = `${[role].flat().join('+')}-user`,
    secret = TEST_SECRET,
  ): string {
    const claims = typeof role === 'string' ? { sub, role } : { sub, roles: [...role] };
    return signHs256(claims, secret);
  }

  async request<T = any>(
    method: string,
    path: string,
    options: {
      role?: Role;
      token?: string;
      body?: unknown;
      rawBody?: string;
      headers?: Record<string, string>;
    } = {},
  ): Promise<HttpAnswer<T>> {
    const headers: Record<string, string> = { ...options.headers };
    const token = options.token ?? (options.role ? this.token(options.role) : undefined);
    if (token) headers['authorization'] = `Bearer ${token}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body });
    const text = await response.text();
    const contentType = response.headers.get('content-type') ?? '';
    return {
      status: response.status,
      contentType,
      headers: response.headers,
      body: text && contentType.includes('json') ? JSON.parse(text) : text,
    };
  }

  /** Registers a case as intake (an application unless overridden) and returns its id. */
  async registerCase(overrides: Record<string, unknown> = {}): Promise<string> {
    const answer = await this.request('POST', '/api/licences', { role: 'intake', body: caseBody(overrides) });
    return answer.body.id as string;
  }

  /**
   * Revokes in the two steps the four-eyes rule requires: proposed by an assessor (by default the
   * one who issued through `issueLicence`), approved by a senior assessor; answers the approval.
   */
  async revokeLicence(
    id: string,
    proposal: Record<string, unknown>,
    officials: { proposer?: string; approver?: string } = {},
  ): Promise<HttpAnswer> {
    const proposed = await this.request('POST', `/api/licences/${id}/revocation-proposal`, {
      token: this.token('assessor', officials.proposer),
      body: proposal,
    });
    if (proposed.status !== 200) return proposed;
    return this.request('POST', `/api/licences/${id}/revoke`, {
      token: this.token('senior-assessor', officials.approver),
      body: {},
    });
  }

  /** Issues a licence as assessor, with a standard assessment unless the body says otherwise. */
  issueLicence(id: string, body: Record<string, unknown> = {}): Promise<HttpAnswer> {
    return this.request('POST', `/api/licences/${id}/issue`, {
      role: 'assessor',
      body: { assessment, ...body },
    });
  }
}
