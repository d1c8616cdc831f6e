import { rawProblemResponse, transportProblem } from './client-error.handler';

const failure = (code: string): Error => Object.assign(new Error(`failed: ${code}`), { code });

describe('transport errors', () => {
  it.each([
    ['HPE_HEADER_OVERFLOW', 431, 'HEADERS_TOO_LARGE'],
    ['ERR_HTTP_REQUEST_TIMEOUT', 408, 'REQUEST_TIMEOUT'],
    ['HPE_INVALID_METHOD', 400, 'MALFORMED_REQUEST'],
    ['HPE_INVALID_HEADER_TOKEN', 400, 'MALFORMED_REQUEST'],
  ])('answers %s with %i %s', (code, status, problemCode) => {
    expect(transportProblem(failure(code))).toMatchObject({ status, code: problemCode });
  });

  it.each(['ECONNRESET', 'EPIPE'])('has no answer for %s: the client has gone', (code) => {
    expect(transportProblem(failure(code))).toBeUndefined();
  });

  it('writes a complete HTTP/1.1 problem answer that closes the connection', () => {
    const raw = rawProblemResponse({ status: 431, code: 'HEADERS_TOO_LARGE', detail: 'Too large.' });
    const [head = '', body = ''] = raw.split('\r\n\r\n');
    expect(head.split('\r\n')).toEqual([
      'HTTP/1.1 431 Request Header Fields Too Large',
      'Content-Type: application/problem+json',
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Cache-Control: no-store',
      'X-Content-Type-Options: nosniff',
      'Connection: close',
    ]);
    expect(JSON.parse(body)).toEqual({
      type: 'urn:licences:problem:headers-too-large',
      title: 'Request Header Fields Too Large',
      status: 431,
      code: 'HEADERS_TOO_LARGE',
      detail: 'Too large.',
    });
  });
});
