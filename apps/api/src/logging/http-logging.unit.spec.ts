import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pinoHttp } from 'pino-http';
import { httpLogging, loggableUrl } from './http-logging';
import { jsonLogger } from './json-logger';
import { requestCorrelationIdOf } from './request-ids';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg';

/** Lines a JSON logger wrote, parsed. */
function capture(): { stream: Writable; lines: () => Record<string, unknown>[]; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return {
    stream,
    text: () => text,
    lines: () =>
      text
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

/** One request through pino-http with the API's options, on a real socket; answers `status`. */
async function logOneRequest(
  headers: Record<string, string>,
  path: string,
  status = 200,
): Promise<{
  lines: Record<string, unknown>[];
  text: string;
  correlationHeader: string | null;
  seen: string;
}> {
  const out = capture();
  const middleware = pinoHttp(httpLogging(jsonLogger('log', out.stream)));
  let seen = '';
  const server = createServer((request, response) => {
    middleware(request, response, () => {
      seen = requestCorrelationIdOf(request as never);
      response.statusCode = status;
      response.end('{}');
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  try {
    const { port } = server.address() as AddressInfo;
    const answer = await fetch(`http://127.0.0.1:${port}${path}`, { headers });
    await answer.text();
    // The line is written on 'finish', which may come just after the client read the body.
    for (let i = 0; i < 100 && out.lines().length === 0; i++) await new Promise((ok) => setImmediate(ok));
    return {
      lines: out.lines(),
      text: out.text(),
      correlationHeader: answer.headers.get('x-correlation-id'),
      seen,
    };
  } finally {
    await new Promise((ok) => server.close(ok));
  }
}

describe('request log lines', () => {
  it('carry neither the bearer token, nor cookies, nor a token in the query string', async () => {
    const { lines, text } = await logOneRequest(
      { Authorization: `Bearer ${TOKEN}`, Cookie: `session=${TOKEN}`, 'X-Correlation-Id': 'abc' },
      `/api/licences?access_token=${TOKEN}&status=issued&password=hunter2`,
    );

    expect(lines).toHaveLength(1);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('hunter2');
    expect(lines[0]).toMatchObject({
      level: 'info',
      msg: 'GET /api/licences?access_token=[Redacted]&status=issued&password=[Redacted] 200',
      correlationId: 'abc',
      req: { method: 'GET', url: '/api/licences?access_token=[Redacted]&status=issued&password=[Redacted]' },
      res: { statusCode: 200 },
    });
  });

  it('use the caller’s correlation id, or else the request’s own id, the same one the handler reads and the caller is told', async () => {
    const given = await logOneRequest({ 'X-Correlation-Id': 'abc' }, '/api/licences');
    expect(given).toMatchObject({ correlationHeader: 'abc', seen: 'abc' });
    expect(given.lines[0]).toMatchObject({ correlationId: 'abc' });

    const made = await logOneRequest({}, '/api/licences');
    const id = (made.lines[0]?.['req'] as { id: string }).id;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(made).toMatchObject({ correlationHeader: id, seen: id });
    expect(made.lines[0]).toMatchObject({ correlationId: id });
  });

  it('ignore an unusable X-Correlation-Id and write answers of 500 and above as errors', async () => {
    const { lines } = await logOneRequest({ 'X-Correlation-Id': 'has spaces in it' }, '/api/licences', 503);
    expect(lines[0]?.['correlationId']).not.toBe('has spaces in it');
    expect(lines[0]?.['level']).toBe('error');
  });

  it('leave probes out', async () => {
    expect((await logOneRequest({}, '/health/ready')).lines).toEqual([]);
    expect((await logOneRequest({}, '/metrics')).lines).toEqual([]);
  });
});

describe('loggableUrl', () => {
  it('replaces the values of credential-like parameters only', () => {
    expect(loggableUrl('/a')).toBe('/a');
    expect(loggableUrl('/a?status=issued&page=2')).toBe('/a?status=issued&page=2');
    expect(loggableUrl('/cb?code=xyz&state=1&id_token=t&client_secret=s')).toBe(
      '/cb?code=[Redacted]&state=1&id_token=[Redacted]&client_secret=[Redacted]',
    );
    expect(loggableUrl('/a?access%5Ftoken=t')).toBe('/a?access%5Ftoken=[Redacted]');
  });
});

describe('the JSON logger', () => {
  it('redacts credential fields wherever a caller puts them', () => {
    const out = capture();
    const logger = jsonLogger('log', out.stream);
    logger.info(
      {
        token: TOKEN,
        nested: { password: 'hunter2', access_token: TOKEN },
        connectionString: 'postgres://u:pw@h/db',
      },
      'hello',
    );
    expect(out.text()).not.toContain(TOKEN);
    expect(out.text()).not.toContain('hunter2');
    expect(out.text()).not.toContain('pw@');
    expect(out.lines()[0]).toMatchObject({ level: 'info', msg: 'hello', token: '[Redacted]' });
  });

  it('writes LOG_LEVEL and above: debug lines only at debug', () => {
    const out = capture();
    jsonLogger('log', out.stream).debug('hidden');
    jsonLogger('debug', out.stream).debug('shown');
    expect(out.lines().map((line) => line['msg'])).toEqual(['shown']);
  });
});
