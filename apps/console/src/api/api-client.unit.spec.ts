import type { Session } from '../auth/session';
import { ApiClient, queryString } from './api-client';
import { ApiProblem } from './api-problem';

const session = (roles: Session['roles'], actingRole: Session['actingRole']): Session => ({
  token: 'header.payload.signature',
  sub: 'bob',
  roles,
  actingRole,
  expiresAt: 2_000_000_000,
  source: 'development',
});

function recordingFetch(answer: () => Response) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetchFn: typeof fetch = (input, init) => {
    calls.push({ url: input instanceof Request ? input.url : input.toString(), init });
    return Promise.resolve(answer());
  };
  return { calls, fetchFn };
}

const headersOf = (init: RequestInit | undefined) => (init?.headers ?? {}) as Record<string, string>;

describe('the API client', () => {
  it('sends the token, and the acting role only when the official holds several roles', async () => {
    const { calls, fetchFn } = recordingFetch(() => Response.json({ items: [] }));
    await new ApiClient(session(['assessor'], 'assessor'), fetchFn).get('/api/licences');
    await new ApiClient(session(['assessor', 'senior-assessor'], 'senior-assessor'), fetchFn).get(
      '/api/licences',
    );

    expect(headersOf(calls[0]?.init)).toMatchObject({ Authorization: 'Bearer header.payload.signature' });
    expect(headersOf(calls[0]?.init)['X-Acting-Role']).toBeUndefined();
    expect(headersOf(calls[1]?.init)['X-Acting-Role']).toBe('senior-assessor');
  });

  it('sends a command with its body, the revision seen and the idempotency key', async () => {
    const { calls, fetchFn } = recordingFetch(() => Response.json({ id: 'x', revision: 4, position: 9 }));
    const answer = await new ApiClient(session(['assessor'], 'assessor'), fetchFn).post(
      '/api/licences/x/issue',
      { reasoning: 'ok' },
      { revision: 3, idempotencyKey: 'k-1' },
    );
    expect(answer).toEqual({ id: 'x', revision: 4, position: 9 });
    expect(calls[0]?.init?.method).toBe('POST');
    expect(calls[0]?.init?.body).toBe('{"reasoning":"ok"}');
    expect(headersOf(calls[0]?.init)).toMatchObject({
      'Content-Type': 'application/json',
      'If-Match': '"3"',
      'Idempotency-Key': 'k-1',
    });
  });

  it("turns a refusal into the API's problem, with its code and each refused field", async () => {
    const problem = {
      type: 'urn:licences:problem:validation-failed',
      title: 'Bad Request',
      status: 400,
      code: 'VALIDATION_FAILED',
      detail: 'The request has invalid fields',
      errors: [
        { field: 'goods.0.quantity', messages: ['quantity must be a whole number of at least 1'] },
        { field: 'reasoning', messages: ['reasoning must not be empty'] },
      ],
    };
    const { fetchFn } = recordingFetch(
      () =>
        new Response(JSON.stringify(problem), {
          status: 400,
          headers: { 'Content-Type': 'application/problem+json' },
        }),
    );
    const refusal = await new ApiClient(session(['intake'], 'intake'), fetchFn)
      .post('/api/licences', {})
      .catch((e: unknown) => e);

    expect(refusal).toBeInstanceOf(ApiProblem);
    const refused = refusal as ApiProblem;
    expect(refused.code).toBe('VALIDATION_FAILED');
    expect(refused.messagesFor('goods.0.quantity')).toEqual([
      'quantity must be a whole number of at least 1',
    ]);
    expect(refused.messagesOutside(['goods.0.quantity'])).toEqual([problem.errors[1]]);
  });

  it('still gives a problem when the answer is not problem+json (a proxy page)', async () => {
    const { fetchFn } = recordingFetch(
      () => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
    );
    const refusal = (await new ApiClient(session(['intake'], 'intake'), fetchFn)
      .get('/api/licences')
      .catch((e: unknown) => e)) as ApiProblem;
    expect(refusal).toMatchObject({ status: 502, code: 'HTTP_502', title: 'Bad Gateway' });
  });

  it('writes query strings without empty values and with repeated parameters', () => {
    expect(queryString({ status: 'applied', destination: '', page: 2, d: ['DE', 'TR'], x: undefined })).toBe(
      '?status=applied&page=2&d=DE&d=TR',
    );
    expect(queryString({})).toBe('');
  });
});
