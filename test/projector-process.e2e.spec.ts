import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliToken, kill, REPO_ROOT, runScript, startAppProcess } from './support/app-process';
import { dumpReadModels, lowestCheckpoint, writeBacklog } from './support/backlog';
import { caseBody } from './support/cases';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function startProjector(dataDir: string): ChildProcess {
  return spawn(process.execPath, ['-r', './tools/register.cjs', 'apps/api/src/cli/projector.cli.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, LICENCES_DATA_DIR: dataDir },
    stdio: 'ignore',
  });
}

async function until(condition: () => boolean, timeoutMs: number, pollMs = 2): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await pause(pollMs);
  }
  return condition();
}

describe('projections in their own process', () => {
  const dirs: string[] = [];
  const newDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'licences-projector-'));
    dirs.push(dir);
    return dir;
  };

  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('keeps the read models exact when the projector is killed mid-way, and a rebuild reproduces them', async () => {
    const dataDir = newDir();
    const head = await writeBacklog(join(dataDir, 'licences.sqlite'), 2500);
    const readModels = join(dataDir, 'read-models.sqlite');

    // Kill the projector with SIGKILL while it is between batches, several times.
    const killedAt: number[] = [];
    for (let round = 0; round < 3; round++) {
      const from = lowestCheckpoint(readModels);
      const projector = startProjector(dataDir);
      const progressed = await until(() => lowestCheckpoint(readModels) > from, 30_000);
      await kill(projector, 'SIGKILL');
      expect(progressed).toBe(true);
      killedAt.push(lowestCheckpoint(readModels));
    }
    expect(killedAt.some((position) => position > 0 && position < head)).toBe(true);

    const last = startProjector(dataDir);
    expect(await until(() => lowestCheckpoint(readModels) === head, 60_000, 20)).toBe(true);
    await kill(last, 'SIGTERM');
    const recovered = dumpReadModels(readModels);

    // The same events projected once, without interruption, in a fresh folder.
    const freshDir = newDir();
    copyFileSync(join(dataDir, 'licences.sqlite'), join(freshDir, 'licences.sqlite'));
    const fresh = startProjector(freshDir);
    expect(
      await until(() => lowestCheckpoint(join(freshDir, 'read-models.sqlite')) === head, 60_000, 20),
    ).toBe(true);
    await kill(fresh, 'SIGTERM');
    expect(recovered).toEqual(dumpReadModels(join(freshDir, 'read-models.sqlite')));
    expect((recovered['licence_validity'] ?? []).length).toBe(2500);

    // A rebuild from the CLI shows its progress and replaces the tables with identical ones.
    const rebuilt = runScript(
      ['-r', './tools/register.cjs', 'apps/api/src/cli/rebuild.cli.ts', 'licence-validity'],
      {
        LICENCES_DATA_DIR: dataDir,
      },
    );
    expect(rebuilt.status).toBe(0);
    expect(rebuilt.stdout).toContain(`Rebuilt licence-validity: ${head} events, checkpoint ${head}`);
    expect(rebuilt.stderr).toMatch(/100% \| \d+\/\d+ positions \| \d+ events \| \d+ ev\/s/);
    expect(dumpReadModels(readModels)).toEqual(recovered);

    const unknown = runScript(['-r', './tools/register.cjs', 'apps/api/src/cli/rebuild.cli.ts', 'nonsense'], {
      LICENCES_DATA_DIR: dataDir,
    });
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toContain('Unknown projection nonsense');
  });

  it('serves queries from a separate projector when the API runs with LICENCES_PROJECTIONS=external', async () => {
    const dataDir = newDir();
    const api = await startAppProcess({ LICENCES_DATA_DIR: dataDir, LICENCES_PROJECTIONS: 'external' });
    let projector: ChildProcess | undefined;
    try {
      const intake = cliToken('intake', 'alice');
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
      expect((await get()).status).toBe(404);

      projector = startProjector(dataDir);
      const answer = await get(`?minPosition=${position}`);
      expect(answer.status).toBe(200);
      expect(await answer.json()).toMatchObject({ id, status: 'applied' });
    } finally {
      if (projector) await kill(projector, 'SIGTERM');
      await kill(api.child, 'SIGTERM');
    }
  });
});
