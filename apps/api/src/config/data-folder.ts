import { chmodSync, lstatSync, mkdirSync, readdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE } from '@licences/event-store';
import { ConfigError } from './app-config';

const FIX = 'set LICENCES_DATA_DIR to a folder this process can write in';

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'unknown error';
}

/** Why `mkdir folder` failed, in words that name the part of the path at fault. */
function whyNotCreated(folder: string, code: string): string {
  const parent = dirname(folder);
  switch (code) {
    case 'ENOENT':
      return `its parent ${parent} does not exist`;
    case 'ENOTDIR':
      return `a part of ${parent} is a file, not a folder`;
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return `${parent} does not let this process create it (${code})`;
    default:
      return code;
  }
}

/**
 * Makes sure the data folder exists and takes new files before SQLite opens anything in it, so
 * that a misconfiguration is one sentence naming LICENCES_DATA_DIR instead of a driver's stack
 * trace. A missing folder is created when its parent exists; its parents are not, so that a
 * mistyped path is refused rather than quietly grown. Writing a probe file is the only test that
 * also holds for root (who passes every permission check, yet cannot write on a read-only mount
 * or in /proc).
 */
export function prepareDataFolder(folder: string): void {
  let isFolder: boolean;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch (error) {
    if (codeOf(error) !== 'ENOENT' && codeOf(error) !== 'ENOTDIR') {
      throw new ConfigError(`LICENCES_DATA_DIR ${folder} cannot be read (${codeOf(error)}); ${FIX}`);
    }
    try {
      mkdirSync(folder, { mode: PRIVATE_FOLDER_MODE });
      isFolder = true;
    } catch (mkdirError) {
      throw new ConfigError(
        `LICENCES_DATA_DIR ${folder} does not exist and cannot be created: ` +
          `${whyNotCreated(folder, codeOf(mkdirError))}; ${FIX}`,
      );
    }
  }
  if (!isFolder) throw new ConfigError(`LICENCES_DATA_DIR ${folder} is a file, not a folder; ${FIX}`);
  const probe = join(folder, `.write-test-${process.pid}`);
  try {
    writeFileSync(probe, '', { flag: 'wx', mode: PRIVATE_FILE_MODE });
    unlinkSync(probe);
  } catch (error) {
    throw new ConfigError(
      `LICENCES_DATA_DIR ${folder} does not let this process create files (${codeOf(error)}); ${FIX}`,
    );
  }
}

/** The permission bits of a mode, as ls shows them in octal. */
function octal(mode: number): string {
  return (mode & 0o777).toString(8).padStart(4, '0');
}

/**
 * Narrows every file in the data folder (and its subfolders, such as the import staging folder)
 * to owner-only access: 0600 for files, 0700 for folders, the folder itself included. Data
 * written by an older version, or restored by hand, may be readable by every account on the
 * machine. Symbolic links are left alone: what they point at is not the folder's to change.
 * @returns one line per path narrowed, for start-up to warn about.
 */
export function narrowDataFolderModes(folder: string): string[] {
  const narrowed: string[] = [];
  const narrow = (path: string, wanted: number) => {
    const { mode } = lstatSync(path);
    if ((mode & 0o077) === 0) return;
    chmodSync(path, wanted);
    narrowed.push(`${path} was readable by others (${octal(mode)}); narrowed to ${octal(wanted)}`);
  };
  const walk = (dir: string) => {
    narrow(dir, PRIVATE_FOLDER_MODE);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) narrow(path, PRIVATE_FILE_MODE);
    }
  };
  walk(folder);
  return narrowed;
}
