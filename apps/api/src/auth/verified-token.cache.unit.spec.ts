import { VerifiedTokenCache } from './verified-token.cache';

const T0 = 1_750_000_000_000;
const verified = (exp: number | undefined, nbf?: number) => ({
  payload: { sub: 'alice', exp, nbf },
  sharedSecret: true,
});

describe('the verified-token cache', () => {
  it('answers a remembered token until its expiry plus the skew, then forgets it', () => {
    const cache = new VerifiedTokenCache();
    cache.remember('t', verified(T0 / 1000 + 10), T0, 5);
    expect(cache.get('t', T0 + 14_999)?.payload.sub).toBe('alice');
    expect(cache.get('t', T0 + 15_000)).toBeUndefined();
    expect(cache.get('t', T0)).toBeUndefined();
  });

  it('trusts a verification for a bounded time even when the token lives longer', () => {
    const cache = new VerifiedTokenCache(10, 1_000);
    cache.remember('t', verified(T0 / 1000 + 3600), T0, 0);
    expect(cache.get('t', T0 + 999)).toBeDefined();
    expect(cache.get('t', T0 + 1_000)).toBeUndefined();
  });

  it('does not remember a token that is not yet valid or has no expiry, nor answer another token', () => {
    const cache = new VerifiedTokenCache();
    cache.remember('early', verified(T0 / 1000 + 60, T0 / 1000 + 30), T0, 0);
    cache.remember('endless', verified(undefined), T0, 0);
    cache.remember('t', verified(T0 / 1000 + 60), T0, 0);
    expect(cache.get('early', T0)).toBeUndefined();
    expect(cache.get('endless', T0)).toBeUndefined();
    expect(cache.get('t2', T0)).toBeUndefined();
  });

  it('forgets the oldest token beyond its capacity', () => {
    const cache = new VerifiedTokenCache(2);
    for (const token of ['a', 'b', 'c']) cache.remember(token, verified(T0 / 1000 + 60), T0, 0);
    expect(cache.get('a', T0)).toBeUndefined();
    expect(cache.get('b', T0)).toBeDefined();
    expect(cache.get('c', T0)).toBeDefined();
  });
});
