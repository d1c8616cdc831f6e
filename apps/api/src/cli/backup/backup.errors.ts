/**
 * A refusal or failure of `npm run backup` / `npm run restore`, printed as one line. The code is
 * stable (UPPER_SNAKE) so that scripts reading `--json` can tell the refusals apart.
 */
export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export type BackupErrorCode =
  | 'BACKUP_SOURCE_MISSING'
  | 'BACKUP_TARGET_NOT_EMPTY'
  | 'BACKUP_NOT_EMBEDDED'
  | 'BACKUP_NOT_VERIFIED'
  | 'BACKUP_MANIFEST_INVALID'
  | 'BACKUP_FILE_MISMATCH'
  | 'RESTORE_TARGET_IN_USE'
  | 'RESTORE_TARGET_NOT_EMPTY'
  | 'RESTORE_TARGET_INVALID'
  | 'RESTORE_NOT_VERIFIED';
