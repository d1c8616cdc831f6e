import type { RateLimits } from '../config/app-config';

export const RATE_WINDOW_MS = 60_000;
/** Past this many counters, expired ones are swept: a spray of addresses cannot grow memory for ever. */
const SWEEP_ABOVE = 10_000;

interface Window {
  count: number;
  readonly endsAt: number;
}

/** Seconds until a key may call again, for Retry-After; undefined while it may. */
export type RetryAfter = number | undefined;

/**
 * Fixed one-minute windows, counted in this process: per principal for authenticated requests,
 * per address for the rest (no token, a refused one, public routes). Several API replicas each
 * count their own share, so a limit holds per replica.
 */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limits: RateLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether an address has used up its unauthenticated budget, without counting this request. */
  addressBlocked(address: string): RetryAfter {
    const window = this.live(`address:${address}`);
    return window && window.count >= this.limits.perAddress ? this.secondsLeft(window) : undefined;
  }

  /** Counts one unauthenticated request from `address`; the retry delay if it is one too many. */
  countAddress(address: string): RetryAfter {
    return this.count(`address:${address}`, this.limits.perAddress);
  }

  /** Counts one request by an authenticated principal; the retry delay if it is one too many. */
  countPrincipal(principal: string): RetryAfter {
    return this.count(`principal:${principal}`, this.limits.perPrincipal);
  }

  private count(key: string, limit: number): RetryAfter {
    let window = this.live(key);
    if (!window) {
      if (this.windows.size >= SWEEP_ABOVE) this.sweep();
      window = { count: 0, endsAt: this.now() + RATE_WINDOW_MS };
      this.windows.set(key, window);
    }
    window.count += 1;
    return window.count > limit ? this.secondsLeft(window) : undefined;
  }

  private live(key: string): Window | undefined {
    const window = this.windows.get(key);
    if (window && window.endsAt <= this.now()) {
      this.windows.delete(key);
      return undefined;
    }
    return window;
  }

  private secondsLeft(window: Window): number {
    return Math.max(1, Math.ceil((window.endsAt - this.now()) / 1000));
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
  }
}
