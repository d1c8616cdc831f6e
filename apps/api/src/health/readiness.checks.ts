import { join } from 'node:path';
import type { EventStore } from '@licences/event-store';
import { StorageFaultError } from '@licences/event-store';
import { PostgresReadModelStore } from '@licences/licensing-postgres';
import type { ReadModelStore } from '@licences/licensing-read-models';
import { SqliteWriteProbe } from '@licences/licensing-sqlite';
import { accessLogLocation } from '../audit/access-log-files';
import type { EventStoreConfig, ReadStoreConfig } from '../config/app-config';
import { PostgresAccessLogProbe } from '../audit/postgres-access-log.probe';

export const READINESS_CHECKS = Symbol.for('licences.ReadinessChecks');

/**
 * One thing the API needs to serve, checked on every readiness probe. A list rather than fixed
 * fields, so that a later check (another database, projection lag) is one more entry.
 */
export interface ReadinessCheck {
  /** Stable, kebab-case: what a probe's answer names when it fails. */
  readonly name: string;
  /** Resolves when ready; rejects with why not (a StorageFaultError for the storage). */
  readonly check: () => Promise<void>;
  /** Releases what the check holds open. */
  readonly close?: () => void;
}

export interface CheckOutcome {
  readonly name: string;
  readonly status: 'ok' | 'failing';
  /** Why a failing check fails: a stable code and words for the operator. */
  readonly code?: string;
  readonly detail?: string;
}

function probing(name: string, probe: SqliteWriteProbe): ReadinessCheck {
  return { name, check: () => probe.probeWrites(), close: () => probe.close() };
}

/** The access log shared on PostgreSQL: an access could be recorded now. */
function postgresAccessLogCheck(connectionString: string): ReadinessCheck {
  const probe = new PostgresAccessLogProbe(connectionString);
  return { name: 'access-audit', check: () => probe.probe(), close: () => void probe.close() };
}

/**
 * The checks of an API on `dataDir`: the event store answers and takes writes, the read models
 * take writes, and the access audit can write. Each SQLite file is shown to take a real write,
 * so a disk that filled up or turned read-only since the last command is seen before the next.
 */
export function readinessChecks(
  dataDir: string,
  eventStore: EventStoreConfig | undefined,
  events: EventStore,
  readStore?: ReadStoreConfig,
  readModels?: ReadModelStore,
): ReadinessCheck[] {
  const inEsdb = eventStore?.kind === 'esdb';
  return [
    inEsdb
      ? {
          name: 'event-store',
          check: async () => {
            await events.headPosition();
          },
        }
      : probing('event-store', new SqliteWriteProbe(join(dataDir, 'licences.sqlite'), 'event store')),
    // On PostgreSQL the store itself shows that the database answers and commits a write.
    readStore?.kind === 'postgres' && readModels instanceof PostgresReadModelStore
      ? { name: 'read-models', check: () => readModels.probe() }
      : probing('read-models', new SqliteWriteProbe(join(dataDir, 'read-models.sqlite'), 'read models')),
    readStore?.kind === 'postgres'
      ? postgresAccessLogCheck(readStore.connectionString)
      : probing(
          'access-audit',
          new SqliteWriteProbe(accessLogLocation(dataDir, eventStore).logFile, 'access log'),
        ),
  ];
}

/** A check that fails for a reason of its own, named by a stable code (PROJECTION_LAG). */
export class ReadinessCheckError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ReadinessCheckError';
  }
}

/** Runs every check (all of them, so that the answer names each failing one). */
export async function runChecks(checks: readonly ReadinessCheck[]): Promise<CheckOutcome[]> {
  return Promise.all(
    checks.map(async (readiness): Promise<CheckOutcome> => {
      const { name } = readiness;
      try {
        await readiness.check();
        return { name, status: 'ok' };
      } catch (error) {
        return {
          name,
          status: 'failing',
          code:
            error instanceof StorageFaultError || error instanceof ReadinessCheckError
              ? error.code
              : 'UNAVAILABLE',
          detail: error instanceof Error ? error.message : String(error),
        };
      }
    }),
  );
}

/** The API is up but cannot serve commands now: answered 503 NOT_READY with the failing checks. */
export class NotReadyError extends Error {
  readonly code = 'NOT_READY';

  constructor(readonly checks: readonly CheckOutcome[]) {
    super(
      `Not ready: ${checks
        .filter((c) => c.status === 'failing')
        .map((c) => `${c.name} (${c.code ?? 'UNAVAILABLE'})`)
        .join(', ')}`,
    );
    this.name = 'NotReadyError';
  }
}
