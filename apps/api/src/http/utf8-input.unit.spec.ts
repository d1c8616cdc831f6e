import { InvalidUtf8BodyError, urlUtf8Defect, verifyUtf8Body } from './utf8-input';

describe('UTF-8 at the edge', () => {
  it('finds percent-encoded bytes that are not UTF-8 in the path', () => {
    expect(urlUtf8Defect('/api/licences/%FF')).toMatchObject({ field: 'path' });
    expect(urlUtf8Defect('/api/licences/%C3%28/history')).toMatchObject({ field: 'path' });
  });

  it('names the query parameter whose value is not UTF-8', () => {
    expect(urlUtf8Defect('/api/licences?status=issued&asOf=2025%FF')).toMatchObject({ field: 'asOf' });
    // An overlong encoding of "/" and a lone surrogate encoded as UTF-8 are no UTF-8 either.
    expect(urlUtf8Defect('/x?a=%C0%AF')).toMatchObject({ field: 'a' });
    expect(urlUtf8Defect('/x?a=%ED%A0%80')).toMatchObject({ field: 'a' });
    expect(urlUtf8Defect('/x?%FF=1')).toMatchObject({ field: 'query' });
  });

  it('accepts UTF-8, plain text, and percent signs that encode nothing', () => {
    expect(urlUtf8Defect('/api/licences/caf%C3%A9?q=%E2%82%AC+x&r=%F0%9F%98%80')).toBeUndefined();
    expect(urlUtf8Defect('/api/licences?endUser=Bundeswehr&x=100%&y=%zz')).toBeUndefined();
    expect(urlUtf8Defect('/health')).toBeUndefined();
  });

  it('refuses a body that is not UTF-8 before it is decoded', () => {
    expect(() => verifyUtf8Body({}, {}, Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]))).toThrow(
      InvalidUtf8BodyError,
    );
    expect(() => verifyUtf8Body({}, {}, Buffer.from('{"name":"Zoë €"}'))).not.toThrow();
  });
});
