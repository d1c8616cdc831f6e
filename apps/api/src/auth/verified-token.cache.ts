import type { JWTPayload } from 'jose';

/** Tokens remembered at most; the oldest is forgotten first. */
const DEFAULT_CAPACITY = 10_000;
/**
 * How long a verification is trusted. A key the identity provider withdraws stops being
 * accepted within this bound (jose's key-set cache already keeps keys for minutes).
 */
const DEFAULT_TRUST_MS = 60_000;

/** A token whose signature was verified: its claims, and whether the shared secret signed it. */
export interface VerifiedSignature {
  readonly payload: JWTPayload;
  readonly sharedSecret: boolean;
}

interface Entry {
  readonly verified: VerifiedSignature;
  /** Epoch ms after which the token must be verified again (its expiry, or the trust bound). */
  readonly until: number;
}

/**
 * Signature verifications of recently seen bearer tokens. A client sends the same token with
 * every request for as long as it lives, and checking its signature again each time (~0.1 ms of
 * CPU with HS256 through WebCrypto, more with RSA) bought nothing: the token is the same string,
 * so the same signature over the same bytes. Keyed by the whole token, so a token that differs in
 * any byte (another payload, a forged signature) is never answered from here.
 *
 * Only tokens whose `nbf` had passed are remembered, and an entry lapses at the token's expiry
 * (with the allowed clock skew), so time claims judged once stay true while it is used.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly capacity = DEFAULT_CAPACITY,
    private readonly trustMs = DEFAULT_TRUST_MS,
  ) {}

  /** The payload verified for this exact token, unless that was too long ago or it has expired. */
  get(token: string, nowMs: number): VerifiedSignature | undefined {
    const entry = this.entries.get(token);
    if (entry === undefined) return undefined;
    if (nowMs >= entry.until) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.verified;
  }

  /** Remembers a verified token that is valid now, given the clock skew tolerated in seconds. */
  remember(token: string, verified: VerifiedSignature, nowMs: number, skewSeconds: number): void {
    const { payload } = verified;
    if (payload.exp === undefined) return;
    if (payload.nbf !== undefined && payload.nbf * 1000 > nowMs) return;
    const until = Math.min((payload.exp + skewSeconds) * 1000, nowMs + this.trustMs);
    if (until <= nowMs) return;
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
    this.entries.set(token, { verified, until });
  }
}
