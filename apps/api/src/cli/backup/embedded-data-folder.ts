import { resolve } from 'node:path';
import { BackupError } from './backup.errors';

/**
 * The data folder the tools work on, read from the environment directly rather than through the
 * API's whole configuration: a backup must be possible on a host that holds no signing secret or
 * identity-provider settings. EventStoreDB keeps the events outside the folder, so its own backup
 * tools are the ones to use, and these refuse rather than copy half a record.
 */
export function embeddedDataFolder(env: NodeJS.ProcessEnv = process.env): string {
  const kind = env['LICENCES_EVENT_STORE'] ?? 'sqlite';
  if (kind !== 'sqlite') {
    throw new BackupError(
      'BACKUP_NOT_EMBEDDED',
      `LICENCES_EVENT_STORE is ${kind}: the events are not in the data folder; back up EventStoreDB with its own tools ` +
        '(npm run backup and npm run restore handle the embedded SQLite store only)',
    );
  }
  return resolve(env['LICENCES_DATA_DIR'] ?? './data');
}
