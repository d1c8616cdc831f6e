import type { Role } from '@licences/shared-identity';
import type { DecisionEntry, LicenceView } from '../../api/licence.types';
import { fakeApi, json, renderPage, testSession } from '../../components/cases/console-page.test-kit';
import { CasePage } from './case.page';

/** A request as the fake API received it. */
export interface Sent {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

type Answer = readonly [status: number, body: unknown];

/** The real ApiClient over the shared fake fetch: `answer` decides each reply; every request is kept. */
export function fakeFetch(answer: (request: Sent) => Answer): Sent[] {
  const sent: Sent[] = [];
  fakeApi((path, init) => {
    const request: Sent = {
      method: init.method ?? 'GET',
      url: path,
      headers: (init.headers ?? {}) as Record<string, string>,
      body: typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
    };
    sent.push(request);
    return json(...answer(request));
  });
  return sent;
}

export const APPLIED: LicenceView = {
  id: 'c-1',
  revision: 3,
  registeredAt: '2026-11-02T09:15:00.000Z',
  registeredBy: { sub: 'a.intake', role: 'intake' },
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
  return renderPage([{ path: '/cases/:id', element: <CasePage /> }], path, testSession(sub, role));
}
