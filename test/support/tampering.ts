import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runScript } from './app-process';

/** `npm run verify` as its own process, on the store in `dataDir`; `report` when --json is passed. */
export function verifyScript(dataDir: string, ...args: string[]) {
  const result = runScript(['-r', './tools/register.cjs', 'apps/api/src/cli/verify.cli.ts', ...args], {
    LICENCES_DATA_DIR: dataDir,
  });
  const report = args.includes('--json') ? JSON.parse(result.stdout) : undefined;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, report };
}

/**
 * A copy in `dir` of the event store of a stopped application in `dataDir`, changed by `tamper`
 * behind its back, with its access log (which `verify` checks against the anchor kept in the
 * event store).
 */
export function tamperedCopy(dataDir: string, dir: string, tamper: (db: Database.Database) => void): string {
  mkdirSync(dir);
  for (const file of ['licences.sqlite', 'access-log.sqlite']) {
    const source = new Database(join(dataDir, file), { readonly: true, fileMustExist: true });
    source.exec(`VACUUM INTO '${join(dir, file)}'`);
    source.close();
  }
  const db = new Database(join(dir, 'licences.sqlite'), { fileMustExist: true });
  try {
    db.transaction(() => tamper(db))();
  } finally {
    db.close();
  }
  return dir;
}
