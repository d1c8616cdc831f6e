import { verifyAccessLog } from '@licences/licensing-application';
import { PostgresAccessLog, PostgresAccessLogAnchor } from '@licences/licensing-postgres';
import type { AccessLogCheck } from './access-log-verification';

/** The database's name only: the connection string may carry a password. */
function databaseOf(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    return `PostgreSQL database ${url.pathname.replace(/^\//, '')} on ${url.hostname}`;
  } catch {
    return 'PostgreSQL database (unparsable DATABASE_URL)';
  }
}

/**
 * `npm run verify` on an access log in PostgreSQL (LICENCES_READ_STORE=postgres): the chain and
 * its anchor, read as they are (nothing is created or migrated).
 */
export async function checkPostgresAccessLog(connectionString: string): Promise<AccessLogCheck> {
  const database = databaseOf(connectionString);
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
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ...where,
      state: 'unreadable',
      summary: `Not verified: the access log cannot be read (${reason}).`,
    };
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
    const report = await verifyAccessLog(log, anchored);
    const problem = report.firstProblem;
    const [problemRecord] = problem ? await log.readAfter(problem.seq - 1, 1) : [];
    return {
      ...where,
      state: report.intact ? 'intact' : 'tampered',
      summary: report.summary,
      report,
      ...(problemRecord?.seq === problem?.seq && problemRecord && { problemRecord }),
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ...where,
      state: 'unreadable',
      summary: `Not verified: the access log cannot be read (${reason}).`,
    };
  } finally {
    await log.close();
    await anchor.close();
  }
}
