import type { Clock } from '@licences/licensing-application';

/** A clock the test moves by hand. */
export class SettableClock implements Clock {
  private current: Date;

  constructor(start: string) {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current.getTime());
  }

  set(instant: string): void {
    this.current = new Date(instant);
  }
}
