import type { ProjectionName } from '../read-model-store.port';

/** Why a held lease ended without this process releasing it. */
export interface ProjectionLeaseLoss {
  readonly name: ProjectionName;
  readonly fence: number;
  readonly reason: string;
}

/**
 * The right of one process to write one projection's live tables. While it is held no other
 * holder gets the same projection; once it is lost, another may, with a higher fence, at once.
 */
export interface ProjectionLease {
  readonly name: ProjectionName;
  /**
   * Strictly higher than the fence of every earlier acquisition of this projection, by any
   * process. Written with every batch, so that the store refuses a holder that lost the lease
   * and did not notice in time.
   */
  readonly fence: number;
  /** Settles (never rejects) when the lease is lost without `release()`: the connection behind it ended. */
  readonly lost: Promise<ProjectionLeaseLoss>;
  /** Whether the lease is still held: false once lost or released. */
  isHeld(): boolean;
  /** Gives the projection up for others; harmless when already lost or released. */
  release(): Promise<void>;
}

/**
 * Decides which of several projector processes runs each projection. Bound only where several
 * may run at once (a shared PostgreSQL read store); without it the runner projects everything.
 */
export interface ProjectionLeases {
  /** Who this process is in the lease records: host, pid and a random part. */
  readonly holder: string;
  /**
   * Takes the projection's lease if nobody holds it, this process included; undefined while
   * another holder has it. Rejects when the lease store cannot be reached.
   */
  tryAcquire(name: ProjectionName): Promise<ProjectionLease | undefined>;
  /** Releases every lease still held and closes the connection. */
  close(): Promise<void>;
}

export const PROJECTION_LEASES = Symbol.for('licences.ProjectionLeases');

/** How a runner with leases behaves; every field has a default. */
export interface ProjectionLeaseOptions {
  /** How often a projection nobody here holds is tried again (ms). */
  readonly retryMs: number;
}

export const PROJECTION_LEASE_OPTIONS = Symbol.for('licences.ProjectionLeaseOptions');

export const DEFAULT_PROJECTION_LEASE_OPTIONS: ProjectionLeaseOptions = { retryMs: 1000 };
