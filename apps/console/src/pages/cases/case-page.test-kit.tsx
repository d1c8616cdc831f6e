import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import type { Role } from '@licences/shared-identity';
import type { DecisionEntry, LicenceView } from '../../api/licence.types';
import type { Session } from '../../auth/session';
import { SessionProvider } from '../../auth/session-context';
import { LanguageProvider } from '../../i18n/i18n';
import { CasePage } from './case.page';

/** A request as the fake API received it. */
export interface Sent {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

type Answer = readonly [status: number, body: unknown];

/** The real ApiClient over a fake fetch: `answer` decides each reply; every request is kept. */
export function fakeFetch(answer: (request: Sent) => Answer) {
  const sent: Sent[] = [];
  globalThis.fetch = jest.fn((input: RequestInfo | URL, init: RequestInit = {}) => {
    const request: Sent = {
      method: init.method ?? 'GET',
      url: typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      headers: (init.headers ?? {}) as Record<string, string>,
      body: typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
    };
    sent.push(request);
    const [status, body] = answer(request);
    return Promise.resolve(
      new Response(JSON.stringify(body), {
        status,
        headers: { 'Content-Type': status < 300 ? 'application/json' : 'application/problem+json' },
      }),
    );
  }) as typeof fetch;
  return sent;
}

export const APPLIED: LicenceView = {
  id: 'c-1',
  revision: 3,
  status: 'applied',
  procedure: 'application',
  kind: 'individual',
  afterSales: false,
  goodsCategory: 'military',
  goods: [{ controlListEntry: 'ML5.a', description: 'Fire control radar', quantity: 2, valueEur: 1250000 }],
  destinations: [{ country: 'DE', endUser: 'Bundeswehr' }],
  destination: { country: 'DE', endUser: 'Bundeswehr' },
  exportType: 'definitive',
  firearmsAct: false,
  applicant: { name: 'Demo Radar Systems B.V.', chamberOfCommerceNumber: '12345678' },
  extensions: 0,
  lastDecision: { type: 'Applied', decisionDate: '2026-11-02' },
  suspensions: [],
  holds: [],
  onHold: false,
  reassessments: 0,
  reassessmentRequests: [],
  evaluatedOn: '2026-11-30',
  valid: false,
};

export function step(
  type: string,
  payload: Record<string, unknown>,
  sub = 'demo.k.meijer',
  role = 'intake',
): DecisionEntry {
  return {
    revision: 0,
    position: 8,
    eventId: `e-${type}`,
    type,
    schemaVersion: 2,
    decisionDate: '2026-11-02',
    occurredAt: '2026-11-02T09:00:00.000Z',
    recordedAt: '2026-11-02T09:00:01.000Z',
    actor: { sub, role },
    correlationId: 'x',
    causationId: 'x',
    imported: null,
    ruleId: null,
    policyVersion: null,
    payload,
  };
}

/** The case page at `path`, signed in as `sub` acting as `role`, in Dutch. */
export function renderCasePage(path: string, sub: string, role: Role) {
  const session: Session = {
    token: 'test-token',
    sub,
    roles: [role],
    actingRole: role,
    expiresAt: Math.floor(Date.now() / 1000) + 3600,
    source: 'development',
  };
  const router = createMemoryRouter([{ path: '/cases/:id', element: <CasePage /> }], {
    initialEntries: [path],
  });
  render(
    <LanguageProvider initial="nl">
      <SessionProvider session={session} setSession={() => undefined} signOut={() => undefined}>
        <RouterProvider router={router} />
      </SessionProvider>
    </LanguageProvider>,
  );
  return router;
}
