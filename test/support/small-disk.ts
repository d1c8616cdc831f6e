import { execFileSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAppProcess } from './app-process';
import { stopProcess } from './child-processes';

/**
 * Where a storage-fault test keeps the API's data, and how it takes the storage away. On a machine
 * that lets the test mount file systems, the fault is real (a full tmpfs, an ext4 image turned
 * read-only by the kernel); elsewhere the writes of the API process fail as SQLite's would, by
 * the adapter's test seam.
 */
export interface FaultyDisk {
  /** `real`: a file system the test made; `injected`: the adapter's test seam. */
  readonly how: 'real' | 'injected';
  readonly dataDir: string;
  /** What the API process needs to be started with (the seam's preload and trigger). */
  readonly preload: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** Takes the storage away: fills it, or turns it read-only. */
  fault(): void;
  /** Gives it back (a full disk only: a read-only ext4 stays so until unmounted). */
  mend(): void;
  /** Unmounts and removes everything; safe to call in `finally` after any step. */
  release(): void;
}

const SEAM = 'libs/event-store/adapters/sqlite/src/testing/storage-fault-injection.preload.ts';

function run(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

/** Writes zeros until the file system refuses with ENOSPC. */
function fillUp(file: string): void {
  const fd = openSync(file, 'w');
  try {
    for (const size of [1 << 20, 4096, 1]) {
      const chunk = Buffer.alloc(size);
      for (;;) {
        try {
          if (writeSync(fd, chunk) < size) break;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
          throw error;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
}

function injected(root: string, code: string): FaultyDisk {
  const dataDir = join(root, 'data');
  const trigger = join(root, 'storage-fault');
  return {
    how: 'injected',
    dataDir,
    preload: ['-r', `./${SEAM}`],
    env: { LICENCES_TEST_FAULT_TRIGGER: trigger },
    fault: () => writeFileSync(trigger, code),
    mend: () => rmSync(trigger, { force: true }),
    release: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** A data folder on a tmpfs of `mib` MiB that the test can fill; injected where mount is refused. */
export function fullableDisk(mib: number): FaultyDisk {
  const root = mkdtempSync(join(tmpdir(), 'licences-full-disk-'));
  const mountPoint = join(root, 'disk');
  mkdirSync(mountPoint);
  if (!run('mount', ['-t', 'tmpfs', '-o', `size=${mib}m,mode=0700`, 'tmpfs', mountPoint])) {
    return injected(root, 'SQLITE_FULL');
  }
  const filler = join(mountPoint, 'filler');
  return {
    how: 'real',
    dataDir: join(mountPoint, 'data'),
    preload: [],
    env: {},
    fault: () => fillUp(filler),
    mend: () => rmSync(filler, { force: true }),
    release: () => {
      // Lazy: a process that failed to stop must not keep the mount (or the test) hanging.
      run('umount', ['-l', mountPoint]);
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * A data folder on a small ext4 image mounted with errors=remount-ro, which the kernel turns
 * read-only under the running API when told of an error (as it does on a failing disk);
 * injected where loop mounts or the ext4 error trigger are not available.
 */
export function readOnlyableDisk(): FaultyDisk {
  const root = mkdtempSync(join(tmpdir(), 'licences-ro-disk-'));
  const image = join(root, 'disk.img');
  const mountPoint = join(root, 'disk');
  mkdirSync(mountPoint);
  const mounted =
    run('truncate', ['-s', '64M', image]) &&
    run('mkfs.ext4', ['-q', '-F', image]) &&
    run('mount', ['-o', 'loop,errors=remount-ro', image, mountPoint]);
  const device = mounted
    ? execFileSync('findmnt', ['-n', '-o', 'SOURCE', mountPoint], { encoding: 'utf8' }).trim()
    : '';
  const errorTrigger = `/sys/fs/ext4/${device.replace('/dev/', '')}/trigger_fs_error`;
  const triggerable = mounted && existsSync(errorTrigger) && run('test', ['-w', errorTrigger]);
  if (!triggerable) {
    if (mounted) run('umount', ['-l', mountPoint]);
    return injected(root, 'SQLITE_READONLY');
  }
  return {
    how: 'real',
    dataDir: join(mountPoint, 'data'),
    preload: [],
    env: {},
    fault: () => writeFileSync(errorTrigger, 'storage-fault test'),
    mend: () => {
      throw new Error('An ext4 turned read-only by an error stays so until it is unmounted');
    },
    release: () => {
      run('umount', ['-l', mountPoint]);
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export interface GuardedApp {
  readonly child: ChildProcess;
  readonly baseUrl: string;
  /** Everything the process wrote so far, stdout and stderr. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts the API as `npm start` would, with the start-up checks of the data folder, and waits (at
 * most APP_START_MS) until `/health/live` answers. On failure the process is stopped first.
 */
export async function startGuardedApp(
  env: Record<string, string>,
  preload: readonly string[] = [],
): Promise<GuardedApp> {
  const app = await startAppProcess(env, { preload, readyPath: '/health/live' });
  return { ...app, stop: () => stopProcess(app.child, 'SIGTERM') };
}
