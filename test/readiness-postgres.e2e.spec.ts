import { spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startAppProcess } from './support/app-process';
import { APP_START_MS, SCRIPT_MS, STOP_MS, stopProcess } from './support/child-processes';
import { timeoutAbove, waitUntil } from './support/waiting';

const PG_BIN = '/usr/lib/postgresql/15/bin';

/** The uid and gid of the `postgres` account, which a cluster's files must belong to. */
function postgresAccount(): { uid: number; gid: number } {
  const result = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (result.status !== 0 || gid.status !== 0) throw new Error(`No postgres account: ${result.stderr}`);
  return { uid: Number(result.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Runs a PostgreSQL program as `postgres`; throws with its output when it fails. */
function asPostgres(program: string, args: string[]): void {
  const result = spawnSync('runuser', ['-u', 'postgres', '--', join(PG_BIN, program), ...args], {
    encoding: 'utf8',
    timeout: SCRIPT_MS,
    killSignal: 'SIGKILL',
  });
  if (result.status !== 0) {
    throw new Error(
      `${program} ${args.join(' ')} failed (${result.status}): ${result.stdout}${result.stderr}`,
    );
  }
}

/** A PostgreSQL cluster of this test's own, so that stopping it disturbs no other test. */
class PrivateCluster {
  readonly root = mkdtempSync(join(tmpdir(), 'licences-pg-'));
  readonly data = join(this.root, 'data');
  private running = false;

  constructor(readonly port: number) {}

  /** Creates the cluster's files (as `postgres`, who must own them). */
  init(): void {
    const { uid, gid } = postgresAccount();
    chownSync(this.root, uid, gid);
    asPostgres('initdb', ['-D', this.data, '--auth=trust', '-U', 'postgres', '--no-sync']);
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  start(): void {
    asPostgres('pg_ctl', [
      '-D',
      this.data,
      '-l',
      join(this.root, 'server.log'),
      '-o',
      `-p ${this.port} -k ${this.root} -c listen_addresses=127.0.0.1 -c fsync=off`,
      '-w',
      '-t',
      String(SCRIPT_MS / 1000),
      'start',
    ]);
    this.running = true;
  }

  stop(mode: 'fast' | 'immediate' = 'fast'): void {
    asPostgres('pg_ctl', ['-D', this.data, '-m', mode, '-w', '-t', String(SCRIPT_MS / 1000), 'stop']);
    this.running = false;
  }

  dispose(): void {
    try {
      if (this.running) this.stop('immediate');
    } finally {
      rmSync(this.root, { recursive: true, force: true });
    }
  }
}

interface Readiness {
  status: number;
  failing: { name: string; code?: string }[];
}

async function readiness(baseUrl: string): Promise<Readiness> {
  const answer = await fetch(`${baseUrl}/health/ready`);
  const body = (await answer.json()) as { checks?: { name: string; status: string; code?: string }[] };
  return {
    status: answer.status,
    failing: (body.checks ?? [])
      .filter((check) => check.status === 'failing')
      .map(({ name, code }) => ({ name, ...(code && { code }) })),
  };
}

describe('readiness with the read store on PostgreSQL (a private cluster)', () => {
  it(
    'turns not ready, naming the read models, while PostgreSQL is stopped, and ready again when it returns',
    async () => {
      const cluster = new PrivateCluster(await freePort());
      const dataDir = mkdtempSync(join(tmpdir(), 'licences-ready-pg-'));
      let api: Awaited<ReturnType<typeof startAppProcess>> | undefined;
      try {
        cluster.init();
        cluster.start();
        api = await startAppProcess(
          { LICENCES_DATA_DIR: dataDir, LICENCES_READ_STORE: 'postgres', DATABASE_URL: cluster.url },
          { readyPath: '/health/ready' },
        );
        const { baseUrl } = api;
        expect(await readiness(baseUrl)).toEqual({ status: 200, failing: [] });

        cluster.stop('fast');
        let down: Readiness | undefined;
        await waitUntil(
          async () => (down = await readiness(baseUrl)).status === 503,
          'readiness answers 503 with PostgreSQL stopped',
          60_000,
          200,
        );
        expect(down?.failing.map((check) => check.name)).toContain('read-models');
        expect(down?.failing.map((check) => check.name)).not.toContain('event-store');
        // The process goes on answering: liveness never touches a store.
        expect((await fetch(`${baseUrl}/health/live`)).status).toBe(200);

        cluster.start();
        await waitUntil(
          async () => (await readiness(baseUrl)).status === 200,
          'readiness answers 200 once PostgreSQL is back',
          60_000,
          200,
        );
        expect(api.child.exitCode).toBeNull();
      } finally {
        if (api) await stopProcess(api.child, 'SIGTERM');
        cluster.dispose();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    timeoutAbove(
      SCRIPT_MS,
      SCRIPT_MS,
      APP_START_MS,
      SCRIPT_MS,
      60_000,
      SCRIPT_MS,
      60_000,
      STOP_MS,
      SCRIPT_MS,
    ),
  );
});
