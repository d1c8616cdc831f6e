import { mkdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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
      mkdirSync(folder);
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
    writeFileSync(probe, '', { flag: 'wx' });
    unlinkSync(probe);
  } catch (error) {
    throw new ConfigError(
      `LICENCES_DATA_DIR ${folder} does not let this process create files (${codeOf(error)}); ${FIX}`,
    );
  }
}
