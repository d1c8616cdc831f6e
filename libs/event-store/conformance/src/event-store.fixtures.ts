import { randomUUID } from 'node:crypto';
import { firstValueFrom, take, timeout, toArray } from 'rxjs';
import type { Observable, Subscription } from 'rxjs';
import type { EventMetadata, NewEvent, RecordedEvent } from '@licences/event-store';

/** Long enough for a slow CI machine, short enough that a hang fails the test instead of the run. */
export const DEFAULT_WAIT_MS = 5000;

export interface NewEventOverrides extends Partial<Omit<NewEvent, 'metadata'>> {
  readonly metadata?: Partial<EventMetadata>;
}

/** A valid event with a fresh UUID; `overrides` replaces any field (metadata is merged). */
export function newEvent(overrides: NewEventOverrides = {}): NewEvent {
  const { metadata, ...rest } = overrides;
  return {
    id: randomUUID(),
    type: 'TestEventHappened',
    schemaVersion: 1,
    data: { value: randomUUID() },
    ...rest,
    metadata: {
      occurredAt: new Date().toISOString(),
      actor: { sub: 'user-1', role: 'licensing-officer' },
      correlationId: randomUUID(),
      causationId: randomUUID(),
      ...metadata,
    },
  };
}

export function newEvents(count: number, overrides: NewEventOverrides = {}): NewEvent[] {
  return Array.from({ length: count }, () => newEvent(overrides));
}

/** Stream ids are unique per call, so tests never depend on each other even on shared storage. */
export function newStreamId(prefix = 'test'): string {
  return `${prefix}-${randomUUID()}`;
}

export const idsOf = (events: readonly { readonly id: string }[]): string[] =>
  events.map((event) => event.id);

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves once `predicate` holds; rejects after `timeoutMs` so a missing event fails fast. */
export async function waitUntil(
  predicate: () => boolean,
  what: () => string,
  timeoutMs = DEFAULT_WAIT_MS,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting until ${what()}`);
    await delay(5);
  }
}

/** The first `count` events of `events$`, or a timeout error. */
export function collectEvents(
  events$: Observable<RecordedEvent>,
  count: number,
  timeoutMs = DEFAULT_WAIT_MS,
): Promise<RecordedEvent[]> {
  return firstValueFrom(events$.pipe(take(count), toArray(), timeout(timeoutMs)));
}

/** Keeps a subscription open and records what it delivers, for tests that act while it runs. */
export class EventRecorder {
  readonly events: RecordedEvent[] = [];
  error: unknown = undefined;
  completed = false;
  private readonly subscription: Subscription;

  constructor(events$: Observable<RecordedEvent>) {
    this.subscription = events$.subscribe({
      next: (event) => this.events.push(event),
      error: (error: unknown) => (this.error = error),
      complete: () => (this.completed = true),
    });
  }

  async waitForCount(count: number, timeoutMs = DEFAULT_WAIT_MS): Promise<RecordedEvent[]> {
    await waitUntil(
      () => this.events.length >= count || this.error !== undefined,
      () => `${count} events are delivered (got ${this.events.length})`,
      timeoutMs,
    );
    if (this.error !== undefined) {
      throw this.error instanceof Error
        ? this.error
        : new Error('Subscription failed', { cause: this.error });
    }
    return this.events;
  }

  stop(): void {
    this.subscription.unsubscribe();
  }
}

/** The rejection reason of `promise`; fails when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the promise to reject, but it resolved');
}
