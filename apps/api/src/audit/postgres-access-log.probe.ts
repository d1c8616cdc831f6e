import { PostgresAccessLog } from '@licences/licensing-postgres';

/**
 * The readiness probe of an access log on PostgreSQL: whether an access could be recorded now (the
 * server answers within the log's bound, takes writes, and the log table is there). Connects on the
 * first probe, so that a database down at start-up shows as not ready rather than failing the boot.
 */
export class PostgresAccessLogProbe {
  private log: Promise<PostgresAccessLog> | undefined;

  constructor(private readonly connectionString: string) {}

  async probe(): Promise<void> {
    this.log ??= PostgresAccessLog.open({ connectionString: this.connectionString });
    let log: PostgresAccessLog;
    try {
      log = await this.log;
    } catch (error) {
      // Tried again on the next probe.
      this.log = undefined;
      throw error;
    }
    await log.probe();
  }

  async close(): Promise<void> {
    const opened = this.log;
    this.log = undefined;
    await (await opened?.catch(() => undefined))?.close();
  }
}
