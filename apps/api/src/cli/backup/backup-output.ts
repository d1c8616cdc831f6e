import type { BackupManifest } from './backup-manifest';
import { BackupError } from './backup.errors';

/** Bytes as people read them (binary units, like `du -h`). */
export function humanBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** The lines both tools print about what a backup holds. */
export function describeContents(manifest: BackupManifest): string[] {
  const total = manifest.files.reduce((sum, file) => sum + file.bytes, 0);
  const imports = manifest.files.filter((file) => file.kind === 'staged-import').length;
  const { events, accessLog } = manifest;
  return [
    `  events:           ${events.eventsChecked} up to position ${events.headPosition}, chain hash ${events.headHash ?? 'none'}: INTACT`,
    `  access log:       ${accessLog.records} records, head ${accessLog.headSeq ?? 'none'}` +
      (accessLog.state === 'absent' ? ' (no log: the API never served)' : ': INTACT'),
    `  read models:      ${manifest.files.some((file) => file.kind === 'read-models') ? 'included' : 'not included (rebuilt with npm run rebuild)'}`,
    `  staged imports:   ${imports}`,
    `  files:            ${manifest.files.length}, ${humanBytes(total)}`,
  ];
}

/** A failure as the one line a CLI prints (`--json`: one JSON object), with exit code 1. */
export function reportFailure(error: unknown, json: boolean): void {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof BackupError ? error.code : 'BACKUP_FAILED';
  process.stderr.write(json ? `${JSON.stringify({ ok: false, code, message })}\n` : `${message}\n`);
  process.exitCode = 1;
}
