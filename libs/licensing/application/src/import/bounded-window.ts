/**
 * At most `size` tasks in flight, started in the order they are given. Lets a long pass hand
 * many independent appends to the store at once (a store that commits concurrent appends
 * together then makes one durable commit of many), while memory stays bounded by the window.
 * A task that fails stops new ones from starting; `drain` waits for those in flight and throws
 * the first failure, so that nothing is left running unobserved.
 */
export class BoundedWindow {
  private readonly inFlight = new Set<Promise<void>>();
  private failure: { readonly error: unknown } | undefined;

  constructor(private readonly size: number) {
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError(`A window holds at least one task, not ${size}`);
  }

  /** Starts `task` once there is room; throws the first failure of an earlier task instead. */
  async add(task: () => Promise<void>): Promise<void> {
    while (this.inFlight.size >= this.size && !this.failure) await Promise.race(this.inFlight);
    if (this.failure) await this.drain();
    const running: Promise<void> = task()
      .catch((error: unknown) => {
        this.failure ??= { error };
      })
      .finally(() => this.inFlight.delete(running));
    this.inFlight.add(running);
  }

  /** Waits for every task in flight; throws the first failure of any. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.race(this.inFlight);
    if (this.failure) throw this.failure.error;
  }
}
