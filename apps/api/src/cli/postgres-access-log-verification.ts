import { PostgresAccessLog, PostgresAccessLogAnchor } from '@licences/licensing-postgres';
import { postgresLocation } from '../config/start-up-banner';
import { unreadableCheck, verifiedCheck } from './access-log-verification';
import type { AccessLogCheck } from './access-log-verification';

/**
 * `npm run verify` on an access log in PostgreSQL (LICENCES_READ_STORE=postgres): the chain and
 * its anchor, read as they are (nothing is created or migrated).
 */
export async function checkPostgresAccessLog(connectionString: string): Promise<AccessLogCheck> {
  // Host and database only: the connection string may carry a password.
  const database = `PostgreSQL database ${postgresLocation(connectionString)}`;
  const where = { file: `${database}, table access_log`, anchorFile: 'access_log_anchor' };
  let opened: { log: PostgresAccessLog; anchor: PostgresAccessLogAnchor } | undefined;
  try {
    const log = await PostgresAccessLog.open({ connectionString, migrate: false });
    const anchor = await PostgresAccessLogAnchor.open({ connectionString, migrate: false }).catch(
      async (error: unknown) => {
        await log.close();
        throw error;
      },
    );
    opened = { log, anchor };
  } catch (error) {
    return unreadableCheck(where, error);
  }
  const { log, anchor } = opened;
  try {
    const anchored = await anchor.read();
    if (!(await log.exists())) {
      return anchored
        ? {
            ...where,
            state: 'tampered',
            summary: `Tampered: the access log is missing, while its anchor names record ${anchored.seq} (hash ${anchored.hash}).`,
          }
        : {
            ...where,
            state: 'absent',
            summary: `No access log: the API has not served from the ${database}.`,
          };
    }
    return await verifiedCheck(where, log, anchored);
  } catch (error) {
    return unreadableCheck(where, error);
  } finally {
    await log.close();
    await anchor.close();
  }
}
