import { RATE_WINDOW_MS, RateLimiter } from './rate-limiter';

describe('the rate limiter', () => {
  let time = 1_000_000;
  const limiter = () => new RateLimiter({ perPrincipal: 3, perAddress: 2 }, () => time);

  it('lets a principal make its limit of requests a minute, then names the seconds until the window ends', () => {
    const limits = limiter();
    expect([1, 2, 3].map(() => limits.countPrincipal('alice'))).toEqual([undefined, undefined, undefined]);
    time += 20_000;
    expect(limits.countPrincipal('alice')).toBe(40);
    // Another principal has a budget of its own.
    expect(limits.countPrincipal('bob')).toBeUndefined();
    time += 40_000;
    expect(limits.countPrincipal('alice')).toBeUndefined();
  });

  it('counts addresses apart from principals, and reports a used-up address without counting', () => {
    const limits = limiter();
    expect(limits.addressBlocked('10.0.0.1')).toBeUndefined();
    expect(limits.countAddress('10.0.0.1')).toBeUndefined();
    expect(limits.countAddress('10.0.0.1')).toBeUndefined();
    expect(limits.addressBlocked('10.0.0.1')).toBe(RATE_WINDOW_MS / 1000);
    expect(limits.countAddress('10.0.0.1')).toBe(RATE_WINDOW_MS / 1000);
    expect(limits.addressBlocked('10.0.0.2')).toBeUndefined();
    expect(limits.countPrincipal('10.0.0.1')).toBeUndefined();
    time += RATE_WINDOW_MS - 1;
    expect(limits.addressBlocked('10.0.0.1')).toBe(1);
    time += 1;
    expect(limits.addressBlocked('10.0.0.1')).toBeUndefined();
  });
});
