import type { ChildProcess } from 'node:child_process';
import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliToken, runScript, runScriptAsync, startAppProcess } from './support/app-process';
import { SqliteEventStore } from '@licences/event-store-sqlite';
import { SqliteReadModelStore } from '@licences/licensing-sqlite';
import { INITIAL_BUILD_MIN_EVENTS, PROJECTION_NAMES } from '@licences/licensing-read-models';
import { dumpReadModels, lowestCheckpoint, writeBacklog } from './support/backlog';
import { logLines } from './support/log-lines';
import { projectEverything } from './support/postgres-read-models';
import { caseBody } from './support/cases';
import {
  APP_START_MS,
  SCRIPT_MS,
  STOP_MS,
  startNodeScript,
  stopAllProcesses,
  stopProcess,
} from './support/child-processes';
import { timeoutAbove, waitUntil } from './support/waiting';

/** 2500 cases written in this process (about 3 s idle). */
const BACKLOG_MS = 60_000;
/** A projector from spawn to its first stored batch (about 1 s idle). */
const FIRST_BATCH_MS = 60_000;
/** A projector from spawn through the whole backlog (about 4 s idle). */
const CATCH_UP_MS = 120_000;

interface Projector {
  readonly child: ChildProcess;
  stderr: string;
  /** Its log (JSON lines). */
  stdout: string;
}

function startProjector(dataDir: string): Projector {
  const child = startNodeScript(
    ['-r', './tools/register.cjs', 'apps/api/src/cli/projector.cli.ts'],
    // Its probes on loopback; on the default port, or unserved (a warning) when another test has it.
    { LICENCES_DATA_DIR: dataDir, HOST: '127.0.0.1' },
    ['ignore', 'pipe', 'pipe'],
  );
  const projector = { child, stderr: '', stdout: '' };
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (projector.stderr += chunk));
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (projector.stdout += chunk));
  return projector;
}

/** Each projection's live checkpoint, and the rows of the validity table, as the file holds them. */
function liveModels(file: string): Map<string, { checkpoint: number; validityRows: number }> {
  // Read-write: the projector was killed, and its WAL may need the recovery a reader cannot make.
  const db = new Database(file, { fileMustExist: true });
  try {
    const validityRows = (db.prepare('SELECT COUNT(*) AS n FROM licence_validity').get() as { n: number }).n;
    const rows = db
      .prepare<[], { name: string; position: number }>(
        "SELECT name, position FROM projection_checkpoints WHERE target = 'live'",
      )
      .all();
    return new Map(rows.map((row) => [row.name, { checkpoint: row.position, validityRows }]));
  } finally {
    db.close();
  }
}

/** Waits until the read models in `dataDir` satisfy `reached`; fails at once if the projector dies. */
async function waitForProjector(
  projector: Projector,
  dataDir: string,
  reached: (lowestCheckpoint: number) => boolean,
  what: string,
  timeoutMs: number,
  pollMs = 20,
): Promise<void> {
  const readModels = join(dataDir, 'read-models.sqlite');
  await waitUntil(
    () => {
      const { exitCode } = projector.child;
      if (exitCode !== null) throw new Error(`The projector exited with ${exitCode}: ${projector.stderr}`);
      return reached(lowestCheckpoint(readModels));
    },
    what,
    timeoutMs,
    pollMs,
  );
}

describe('projections in their own process', () => {
  const dirs: string[] = [];
  const newDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'licences-projector-'));
    dirs.push(dir);
    return dir;
  };

  // Before the folders go: a process left by a failed test must not run on in a deleted folder.
  afterEach(stopAllProcesses, timeoutAbove(STOP_MS));
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it(
    'keeps the read models exact when the projector is killed mid-way, and a rebuild reproduces them',
    async () => {
      const dataDir = newDir();
      const head = await writeBacklog(join(dataDir, 'licences.sqlite'), 2500);
      const readModels = join(dataDir, 'read-models.sqlite');

      // Kill the projector with SIGKILL as soon as it stored a batch (mostly amid the next), several times.
      const killedAt: number[] = [];
      for (let round = 0; round < 3; round++) {
        const from = lowestCheckpoint(readModels);
        const projector = startProjector(dataDir);
        await waitForProjector(
          projector,
          dataDir,
          (checkpoint) => checkpoint > from,
          `the projector stores a batch past position ${from} (round ${round + 1})`,
          FIRST_BATCH_MS,
          5,
        );
        await stopProcess(projector.child, 'SIGKILL');
        killedAt.push(lowestCheckpoint(readModels));
      }
      expect(killedAt.some((position) => position > 0 && position < head)).toBe(true);

      const last = startProjector(dataDir);
      await waitForProjector(last, dataDir, (c) => c === head, `the projector reaches ${head}`, CATCH_UP_MS);
      await stopProcess(last.child, 'SIGTERM');
      const recovered = dumpReadModels(readModels);

      // The same events projected once, without interruption, in a fresh folder.
      const freshDir = newDir();
      copyFileSync(join(dataDir, 'licences.sqlite'), join(freshDir, 'licences.sqlite'));
      const fresh = startProjector(freshDir);
      await waitForProjector(
        fresh,
        freshDir,
        (c) => c === head,
        `a fresh projector reaches ${head}`,
        CATCH_UP_MS,
      );
      await stopProcess(fresh.child, 'SIGTERM');
      expect(recovered).toEqual(dumpReadModels(join(freshDir, 'read-models.sqlite')));
      expect((recovered['licence_validity'] ?? []).length).toBe(2500);

      // A rebuild from the CLI shows its progress and replaces the tables with identical ones.
      const rebuilt = runScript(
        ['-r', './tools/register.cjs', 'apps/api/src/cli/rebuild.cli.ts', 'licence-validity'],
        { LICENCES_DATA_DIR: dataDir },
      );
      expect(rebuilt.status).toBe(0);
      expect(rebuilt.stdout).toContain(`Rebuilt licence-validity: ${head} events, checkpoint ${head}`);
      expect(rebuilt.stderr).toMatch(/100% \| \d+\/\d+ positions \| \d+ events \| \d+ ev\/s/);
      expect(dumpReadModels(readModels)).toEqual(recovered);

      const unknown = runScript(
        ['-r', './tools/register.cjs', 'apps/api/src/cli/rebuild.cli.ts', 'nonsense'],
        { LICENCES_DATA_DIR: dataDir },
      );
      expect(unknown.status).not.toBe(0);
      expect(unknown.stderr).toContain('Unknown projection nonsense');
    },
    timeoutAbove(BACKLOG_MS, 3 * (FIRST_BATCH_MS + STOP_MS), 2 * (CATCH_UP_MS + STOP_MS), 2 * SCRIPT_MS),
  );

  it(
    'builds an empty read model of a long history stream by stream, then goes on like any projector',
    async () => {
      const dataDir = newDir();
      const eventsFile = join(dataDir, 'licences.sqlite');
      const head = await writeBacklog(eventsFile, 4600);
      expect(head).toBeGreaterThanOrEqual(INITIAL_BUILD_MIN_EVENTS);
      const readModels = join(dataDir, 'read-models.sqlite');
      const messagesOf = (p: Projector) => logLines(p.stdout).map((line) => line.msg);

      // Killed during the build, a projector leaves each live model empty or whole, never half-built.
      const killed = startProjector(dataDir);
      await waitUntil(
        () => {
          const { exitCode } = killed.child;
          if (exitCode !== null) throw new Error(`The projector exited with ${exitCode}: ${killed.stderr}`);
          return messagesOf(killed).some((message) => message.startsWith('Building statistics '));
        },
        'the first projector starts its build',
        CATCH_UP_MS,
        5,
      );
      await stopProcess(killed.child, 'SIGKILL');
      const afterKill = liveModels(readModels);
      for (const name of PROJECTION_NAMES) {
        const { checkpoint, validityRows } = afterKill.get(name) ?? { checkpoint: 0, validityRows: 0 };
        expect([0, head]).toContain(checkpoint);
        if (name === 'licence-validity') expect(validityRows).toBe(checkpoint === 0 ? 0 : 4600);
      }
      const empty = PROJECTION_NAMES.filter((name) => (afterKill.get(name)?.checkpoint ?? 0) === 0);

      const projector = startProjector(dataDir);
      await waitForProjector(
        projector,
        dataDir,
        (c) => c === head,
        `the projector builds up to ${head}`,
        CATCH_UP_MS,
      );
      const messages = () => messagesOf(projector);
      // Said once the last swap committed, which the checkpoints above may show a moment sooner.
      const built = new RegExp(`^Built ${empty.join(', ')} in `);
      await waitUntil(
        () => {
          const { exitCode } = projector.child;
          if (exitCode !== null)
            throw new Error(`The projector exited with ${exitCode}: ${projector.stderr}`);
          return messages().some((message) => built.test(message));
        },
        'the projector says it built every projection',
        CATCH_UP_MS,
      );
      expect(empty.length).toBeGreaterThan(0);
      for (const name of empty) {
        expect(messages()).toContain(
          `Building ${name} stream by stream from the events up to position ${head} (its read model was empty)`,
        );
      }
      // Built, the projector follows new events as it always did.
      const later = await writeBacklog(eventsFile, 30);
      await waitForProjector(
        projector,
        dataDir,
        (c) => c === later,
        `the projector reaches ${later}`,
        CATCH_UP_MS,
      );
      await stopProcess(projector.child, 'SIGTERM');

      // What projecting every event in global order, in one pass, gives.
      const freshDir = newDir();
      const events = SqliteEventStore.open({ file: eventsFile });
      const fresh = await SqliteReadModelStore.open(join(freshDir, 'read-models.sqlite'));
      try {
        expect(await projectEverything(events, fresh)).toBe(later);
      } finally {
        await fresh.close();
        await events.close();
      }
      expect(dumpReadModels(readModels)).toEqual(dumpReadModels(join(freshDir, 'read-models.sqlite')));
    },
    timeoutAbove(2 * BACKLOG_MS, 4 * CATCH_UP_MS, 2 * STOP_MS, SCRIPT_MS),
  );

  it(
    'npm run report builds the empty read models of a long history stream by stream before it reports',
    async () => {
      const dataDir = newDir();
      const head = await writeBacklog(join(dataDir, 'licences.sqlite'), 4600);
      expect(head).toBeGreaterThanOrEqual(INITIAL_BUILD_MIN_EVENTS);
      const report = () =>
        runScriptAsync(
          ['-r', './tools/register.cjs', 'apps/api/src/cli/report.cli.ts', 'issued', '--year', '2024'],
          { LICENCES_DATA_DIR: dataDir },
          CATCH_UP_MS,
        );

      const first = await report();
      expect(first.status).toBe(0);
      expect(first.stderr).toMatch(/^building \[.*\] 100% \| /m);
      const built = JSON.parse(first.stdout) as { position: number; military: unknown[]; denials: unknown[] };
      expect(built.position).toBe(head);
      expect(built.military.length).toBeGreaterThan(0);
      expect(built.denials.length).toBeGreaterThan(0);

      // The same read models as projecting every event in global order gives.
      const freshDir = newDir();
      const events = SqliteEventStore.open({ file: join(dataDir, 'licences.sqlite') });
      const fresh = await SqliteReadModelStore.open(join(freshDir, 'read-models.sqlite'));
      try {
        expect(await projectEverything(events, fresh)).toBe(head);
      } finally {
        await fresh.close();
        await events.close();
      }
      const readModels = join(dataDir, 'read-models.sqlite');
      expect(dumpReadModels(readModels)).toEqual(dumpReadModels(join(freshDir, 'read-models.sqlite')));

      // Built once: the next report catches up from where the models stand, and says the same.
      const second = await report();
      expect(second.status).toBe(0);
      expect(second.stderr).not.toContain('building');
      expect(second.stdout).toBe(first.stdout);
    },
    timeoutAbove(BACKLOG_MS, 2 * CATCH_UP_MS),
  );

  it(
    'serves queries from a separate projector when the API runs with LICENCES_PROJECTIONS=external',
    async () => {
      const dataDir = newDir();
      const intake = cliToken('intake', 'alice');
      const api = await startAppProcess({ LICENCES_DATA_DIR: dataDir, LICENCES_PROJECTIONS: 'external' });
      const created = await fetch(`${api.baseUrl}/api/licences`, {
        method: 'POST',
        headers: { authorization: `Bearer ${intake}`, 'content-type': 'application/json' },
        body: JSON.stringify(caseBody()),
      });
      const { id, position } = (await created.json()) as { id: string; position: number };
      const get = (query = '') =>
        fetch(`${api.baseUrl}/api/licences/${id}${query}`, {
          headers: { authorization: `Bearer ${intake}` },
        });
      // Nothing projects in the API process.
      expect((await get()).status).toBe(404);

      // A cold projector start can take longer than the API's own minPosition wait on a busy
      // machine: wait for the projector itself, then ask for the position it has reached.
      const projector = startProjector(dataDir);
      await waitForProjector(
        projector,
        dataDir,
        (checkpoint) => checkpoint >= position,
        `the projector applies position ${position}`,
        CATCH_UP_MS,
      );
      const answer = await get(`?minPosition=${position}`);
      expect(answer.status).toBe(200);
      expect(await answer.json()).toMatchObject({ id, status: 'applied' });
      await stopProcess(projector.child, 'SIGTERM');
      await stopProcess(api.child, 'SIGTERM');
    },
    timeoutAbove(SCRIPT_MS, APP_START_MS, CATCH_UP_MS, 2 * STOP_MS),
  );
});
