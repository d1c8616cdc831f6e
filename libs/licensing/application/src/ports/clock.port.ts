/** Source of the current instant. Injected so that tests and replays can set the time. */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol.for('licences.Clock');

export const systemClock: Clock = { now: () => new Date() };
