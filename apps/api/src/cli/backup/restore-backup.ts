import { chmodSync, renameSync, rmdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PRIVATE_FOLDER_MODE } from '@licences/event-store';
import { IMPORTS_FOLDER } from './backup-layout';
import { readManifest } from './backup-manifest';
import type { BackupManifest, ManifestFile } from './backup-manifest';
import { BackupError } from './backup.errors';
import { whyFolderInUse } from './folder-in-use';
import { copyPrivateFile, digestOf, entryAt, isEmptyFolder, makePrivateFolder } from './private-files';
import { verifyStoreCopy } from './store-copy-verification';
import type { ExpectedEventsHead } from './store-copy-verification';

export interface RestoreOptions {
  readonly from: string;
  readonly to: string;
  /** Move a non-empty target aside (never delete it) instead of refusing. */
  readonly replace: boolean;
  readonly now?: () => Date;
}

export interface RestoreResult {
  readonly manifest: BackupManifest;
  readonly target: string;
  /** Where the target's old contents went, with --replace. */
  readonly movedAside: string | undefined;
}

/** Every file the manifest names, with the size and sha256 it names. */
async function checkFiles(folder: string, files: readonly ManifestFile[], what: string): Promise<void> {
  for (const file of files) {
    const path = join(folder, file.name);
    if (entryAt(path) !== 'other') {
      throw new BackupError('BACKUP_FILE_MISMATCH', `${file.name} is missing from ${what} ${folder}`);
    }
    const { sha256, bytes } = await digestOf(path);
    if (sha256 !== file.sha256 || bytes !== file.bytes) {
      throw new BackupError(
        'BACKUP_FILE_MISMATCH',
        `${file.name} in ${what} ${folder} does not match its manifest (sha256 ${sha256}, ${bytes} bytes; ` +
          `the manifest says ${file.sha256}, ${file.bytes} bytes): it was changed or damaged; restore from another backup`,
      );
    }
  }
}

/** The checks `npm run verify` makes, on a copy, against the head the manifest names. */
async function verifyAgainst(folder: string, manifest: BackupManifest, what: string): Promise<void> {
  const expected: ExpectedEventsHead | undefined =
    manifest.events.headHash === null
      ? undefined
      : { position: manifest.events.headPosition, hash: manifest.events.headHash };
  const { problems } = await verifyStoreCopy(folder, manifest.files, expected).catch((error: unknown) => ({
    problems: [error instanceof Error ? error.message : String(error)],
  }));
  if (problems.length > 0) {
    throw new BackupError('RESTORE_NOT_VERIFIED', `${what} does not verify: ${problems.join('; ')}`);
  }
}

/** Refuses a target that is a file, lacks its parent, is in use, or holds data without --replace. */
function checkTarget(target: string, replace: boolean, aside: string): 'missing' | 'empty' | 'occupied' {
  const entry = entryAt(target);
  if (entry === 'other') {
    throw new BackupError('RESTORE_TARGET_INVALID', `Refusing to restore: ${target} is a file, not a folder`);
  }
  if (entry === 'missing') {
    if (entryAt(dirname(target)) !== 'folder') {
      throw new BackupError(
        'RESTORE_TARGET_INVALID',
        `Refusing to restore: the parent of ${target} is no folder`,
      );
    }
    return 'missing';
  }
  const inUse = whyFolderInUse(target);
  if (inUse)
    throw new BackupError(
      'RESTORE_TARGET_IN_USE',
      `Refusing to restore into ${target}: ${inUse}; stop it first`,
    );
  if (isEmptyFolder(target)) return 'empty';
  if (!replace) {
    throw new BackupError(
      'RESTORE_TARGET_NOT_EMPTY',
      `Refusing to restore into ${target}: it is not empty; add --replace to move its contents aside into ${aside}`,
    );
  }
  return 'occupied';
}

type TargetState = ReturnType<typeof checkTarget>;

/**
 * Puts the verified copy in the target's place by renames, undone if the last one fails, so that
 * the target is never left missing. A rename fails across filesystems or on a mount point.
 */
function swapIn(staging: string, target: string, state: TargetState, aside: string): void {
  try {
    if (state === 'occupied') renameSync(target, aside);
    if (state === 'empty') rmdirSync(target);
  } catch (error) {
    throw cannotMove(target, error);
  }
  try {
    renameSync(staging, target);
  } catch (error) {
    if (state === 'occupied') renameSync(aside, target);
    if (state === 'empty') makePrivateFolder(target);
    throw cannotMove(target, error);
  }
}

function cannotMove(target: string, error: unknown): BackupError {
  const code = (error as NodeJS.ErrnoException).code ?? String(error);
  return new BackupError(
    'RESTORE_TARGET_INVALID',
    `Refusing to restore: ${target} cannot be replaced by a rename (${code}; a mount point?); ` +
      'restore into a new folder on the same volume with --to and point LICENCES_DATA_DIR at it',
  );
}

/**
 * Restores a backup into a data folder. Nothing in the target is touched until the backup's files
 * match their manifest and a copy of them, made beside the target, verifies as `npm run verify`
 * would and ends in the head the manifest names. The copy then takes the target's place in one
 * rename; with --replace the old contents are moved aside first, never deleted. The restored
 * folder is verified once more in its place.
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const now = options.now ?? (() => new Date());
  const from = resolve(options.from);
  const target = resolve(options.to);
  if (entryAt(from) !== 'folder')
    throw new BackupError('BACKUP_MANIFEST_INVALID', `--from ${from} is no folder`);
  const manifest = readManifest(from);
  await checkFiles(from, manifest.files, 'the backup');
  const stamp = now().toISOString().replace(/[:.]/g, '-');
  const aside = `${target}.before-restore-${stamp}`;
  checkTarget(target, options.replace, aside);

  const staging = `${target}.restoring-${stamp}`;
  makePrivateFolder(staging);
  try {
    if (manifest.files.some((file) => file.kind === 'staged-import'))
      makePrivateFolder(join(staging, IMPORTS_FOLDER));
    for (const file of manifest.files) copyPrivateFile(join(from, file.name), join(staging, file.name));
    await checkFiles(staging, manifest.files, 'the copy');
    await verifyAgainst(
      staging,
      manifest,
      `The backup ${from} (checked on a copy, removed again; nothing restored)`,
    );
    // Checked again: a server may have started on the target while the copy was made.
    swapIn(staging, target, checkTarget(target, options.replace, aside), aside);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  chmodSync(target, PRIVATE_FOLDER_MODE);
  await verifyAgainst(target, manifest, `The restored data folder ${target}`);
  const movedAside = entryAt(aside) === 'folder' ? aside : undefined;
  return { manifest, target, movedAside };
}
