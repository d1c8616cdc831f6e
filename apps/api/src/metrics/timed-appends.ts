import type { EventStore } from '@licences/event-store';

/** Injection token of what observes append latency: the app's LicenceMetrics where there is one. */
export const APPEND_TIMER = Symbol.for('licences.AppendTimer');

/** Takes the seconds one append took (successful or not). */
export interface AppendTimer {
  observeAppend(seconds: number): void;
}

/**
 * The event store with each append timed. Everything else, the adapter's own methods included,
 * is the store's itself (bound to it), so the decorator changes nothing but the measurement.
 */
export function timedAppends<T extends EventStore>(store: T, timer: AppendTimer | undefined): T {
  if (!timer) return store;
  const append: EventStore['append'] = async (streamId, events, expected) => {
    const started = process.hrtime.bigint();
    try {
      return await store.append(streamId, events, expected);
    } finally {
      timer.observeAppend(Number(process.hrtime.bigint() - started) / 1e9);
    }
  };
  return new Proxy(store, {
    get(target, property) {
      if (property === 'append') return append;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
