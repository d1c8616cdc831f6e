import type { LoggerService } from '@nestjs/common';
import type { ProjectionName } from '../read-model-store.port';
import type { ProjectionLease, ProjectionLeases } from './projection-lease.port';

/** What a contender asks of the runner while it holds a projection's lease. */
export interface ContenderHooks {
  /** Records the fence in the read store; false when a higher one is already there. */
  claim(fence: number): Promise<boolean>;
  /** Starts projecting from the stored checkpoint with every write carrying `fence`. */
  start(fence: number, onFencedOff: (error: unknown) => void): Promise<void>;
  /** Stops projecting; resolves once the batch in flight, if any, has settled. */
  stop(): Promise<void>;
  /** The projection waits for the lease again. */
  standby(): void;
}

/**
 * Keeps trying to take one projection's lease; while it holds it, the projection runs here.
 * When the lease is lost or the store refuses the fence, the projection stops at once and the
 * contender goes back to trying, so a surviving process takes over from a dead one.
 */
export class ProjectionContender {
  private holding: ProjectionLease | undefined;
  private ending = false;
  private wake: (() => void) | undefined;
  private giveUp: ((reason: string) => void) | undefined;
  private loop: Promise<void> = Promise.resolve();
  private firstTried: () => void = () => undefined;
  /** The last failure reported, so that a store that stays down is not reported every second. */
  private lastFailure: string | undefined;

  constructor(
    private readonly name: ProjectionName,
    private readonly leases: ProjectionLeases,
    private readonly retryMs: number,
    private readonly logger: LoggerService,
    private readonly hooks: ContenderHooks,
  ) {}

  /** Starts contending; resolves after the first try, whether it took the lease or not. */
  begin(): Promise<void> {
    const tried = new Promise<void>((resolve) => (this.firstTried = resolve));
    this.loop = this.contend();
    return tried;
  }

  /** The fence of the lease this process holds and projects with, if any. */
  fence(): number | undefined {
    return this.holding?.isHeld() ? this.holding.fence : undefined;
  }

  /** Stops trying and stops projecting; `ended()` resolves once the lease is released. */
  end(): void {
    this.ending = true;
    this.giveUp?.('stopped');
    this.wake?.();
  }

  ended(): Promise<void> {
    return this.loop;
  }

  private async contend(): Promise<void> {
    while (!this.ending) {
      try {
        await this.attempt();
        this.lastFailure = undefined;
      } catch (error) {
        const failure = String(error);
        if (failure !== this.lastFailure) {
          this.logger.warn(`Projection ${this.name}: cannot take its lease (${failure}); trying again`);
        }
        this.lastFailure = failure;
      }
      this.firstTried();
      if (!this.ending) await this.pause();
    }
    this.firstTried();
  }

  /** One try: takes the lease if free, and projects until it is lost, fenced off or stopped. */
  private async attempt(): Promise<void> {
    const lease = await this.leases.tryAcquire(this.name);
    if (!lease) return;
    try {
      if (this.ending) return;
      if (!(await this.hooks.claim(lease.fence))) {
        this.logger.warn(
          `Projection ${this.name}: the read store records a fence above ${lease.fence}; releasing the lease`,
        );
        return;
      }
      if (this.ending) return;
      const reason = await this.holdWhileValid(lease);
      this.holding = undefined;
      await this.hooks.stop();
      if (reason !== 'stopped') {
        this.logger.warn(`Projection ${this.name}: stopped projecting with fence ${lease.fence}: ${reason}`);
      }
    } finally {
      this.holding = undefined;
      await lease.release().catch((error: unknown) => {
        this.logger.warn(`Projection ${this.name}: releasing its lease failed: ${String(error)}`);
      });
      if (!this.ending) this.hooks.standby();
    }
  }

  /** Projects with the lease's fence; resolves with why it stopped, once it has started or failed to. */
  private async holdWhileValid(lease: ProjectionLease): Promise<string> {
    let over = false;
    let stop: (reason: string) => void = () => undefined;
    const stopped = new Promise<string>((resolve) => {
      stop = (reason) => {
        over = true;
        resolve(reason);
      };
    });
    this.giveUp = stop;
    void lease.lost.then((loss) => stop(`its lease was lost (${loss.reason})`));
    try {
      // Awaited before anything stops it, so that no subscription starts after the stop.
      await this.hooks.start(lease.fence, (error) =>
        stop(`the read store refused fence ${lease.fence} (${String(error)})`),
      );
      if (!over) {
        this.holding = lease;
        this.logger.log(`Holds ${this.name} with fence ${lease.fence}`);
        this.firstTried();
      }
    } catch (error) {
      stop(`it could not start (${String(error)})`);
    }
    const reason = await stopped;
    this.giveUp = undefined;
    return reason;
  }

  private pause(): Promise<void> {
    return new Promise<void>((resolve) => {
      const timeout = setTimeout(resolve, this.retryMs);
      this.wake = () => {
        clearTimeout(timeout);
        resolve();
      };
    });
  }
}
