import { Inject, Injectable } from '@nestjs/common';
import { IdempotencyKeyReusedError } from './application.errors';
import { CLOCK } from './ports/clock.port';
import type { Clock } from './ports/clock.port';
import { IDEMPOTENCY_STORE } from './ports/idempotency-store.port';
import type { IdempotencyScope, IdempotencyStore } from './ports/idempotency-store.port';

/**
 * Gives a request made with an idempotency key its first answer on every repeat: only to the same
 * principal with the same key (`IdempotencyScope`), and only for the same request (`requestHash`);
 * the same key with another request is refused. A failed request stores nothing, so the client
 * may retry it under the same key.
 */
@Injectable()
export class IdempotentRequests {
  constructor(
    @Inject(IDEMPOTENCY_STORE) private readonly store: IdempotencyStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run<T>(scope: IdempotencyScope, requestHash: string, handle: () => Promise<T>): Promise<T> {
    const existing = await this.store.find(scope);
    if (existing) return this.answer<T>(existing.requestHash, requestHash, existing.response);
    const response = await handle();
    const stored = await this.store.saveIfAbsent(scope, {
      requestHash,
      response,
      createdAt: this.clock.now().toISOString(),
    });
    return this.answer<T>(stored.requestHash, requestHash, stored.response);
  }

  private answer<T>(storedHash: string, requestHash: string, response: unknown): T {
    if (storedHash !== requestHash) throw new IdempotencyKeyReusedError();
    return response as T;
  }
}
