import type { Role } from '@licences/shared-identity';
import { renderPage, testSession } from '../../components/cases/console-page.test-kit';
import { ApprovalsPage } from './approvals.page';
import { MeasurePage } from './measure.page';
import { ProposeMeasurePage } from './propose-measure.page';

/** One request the page sent, as the fake API saw it. */
export interface SentRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

type Answer = readonly [status: number, body: unknown];

/**
 * A fake API behind the real ApiClient: `routes` maps `METHOD path` (path without the query) to
 * an answer or a function of the request. Every request is recorded in `sent`.
 */
export function fakeApi(routes: Record<string, Answer | ((request: SentRequest) => Answer)>) {
  const sent: SentRequest[] = [];
  const fetchFn = jest.fn((input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = init.method ?? 'GET';
    const request: SentRequest = {
      method,
      url,
      headers: (init.headers ?? {}) as Record<string, string>,
      body: typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
    };
    sent.push(request);
    const route = routes[`${method} ${url.split('?')[0] ?? url}`];
    const [status, body] =
      typeof route === 'function' ? route(request) : (route ?? [404, { code: 'NOT_FOUND' }]);
    const text = body === undefined ? '' : JSON.stringify(body);
    return Promise.resolve(
      new Response(text, {
        status,
        headers: { 'Content-Type': status < 300 ? 'application/json' : 'application/problem+json' },
      }),
    );
  });
  globalThis.fetch = fetchFn as typeof fetch;
  return { sent };
}

export function problem(status: number, code: string, errors: { field: string; messages: string[] }[] = []) {
  return [
    status,
    { status, code, title: 'Invalid request', detail: `Invalid request: ${code}`, errors },
  ] as const;
}

/** The console's approvals pages at `path`, signed in as `sub` acting as `role`, in Dutch. */
export function renderAt(path: string, sub: string, role: Role) {
  return renderPage(
    [
      { path: '/approvals', element: <ApprovalsPage /> },
      { path: '/measures/new', element: <ProposeMeasurePage /> },
      { path: '/measures/:id', element: <MeasurePage /> },
      { path: '/cases/:id', element: <p>case page</p> },
    ],
    path,
    testSession(sub, role),
  );
}
