import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliToken, kill, REPO_ROOT, runScriptAsync, startAppProcess } from './support/app-process';
import { readmeShellBlocks, walkthroughScript } from './support/readme-walkthrough';

const DEMO_TIMEOUT_MS = 240_000;
const CATCH_UP_TIMEOUT_MS = 120_000;
const WALKTHROUGH_TIMEOUT_MS = 300_000;

/** Runs bash on a script given on stdin; resolves with its exit status and output. */
function runBash(script: string, env: Record<string, string>, timeoutMs: number) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn('bash', ['-s'], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // The whole process group, so that a hanging curl or npm script dies with its shell.
    const timer = setTimeout(() => {
      stderr += `\nThe walkthrough did not finish within ${timeoutMs / 1000} s`;
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    }, timeoutMs);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
    child.stdin.end(script);
  });
}

/** Polls until every projection has reached the event store's head. */
async function projectionsCaughtUp(baseUrl: string, token: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const health = (await (await fetch(`${baseUrl}/health`)).json()) as {
      eventStore: { headPosition: number };
    };
    const answer = await fetch(`${baseUrl}/api/projections`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const projections = (await answer.json()) as { checkpoint: number }[];
    if (projections.every((p) => p.checkpoint >= health.eventStore.headPosition)) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

describe('the README, pasted in order', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'licences-readme-'));

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it(
    'answers every step with 2xx and content, on a fresh store loaded with the demo history',
    async () => {
      const blocks = readmeShellBlocks();
      expect(blocks.length).toBeGreaterThan(5);

      const demo = await runScriptAsync(
        ['-r', './tools/register.cjs', 'apps/api/src/cli/demo.cli.ts'],
        { LICENCES_DATA_DIR: dataDir },
        DEMO_TIMEOUT_MS,
      );
      if (demo.status !== 0) throw new Error(`npm run demo failed (exit ${demo.status}):\n${demo.stderr}`);

      // As the README starts it: history from before this year may be imported.
      const cutover = `${new Date().getUTCFullYear()}-01-01T00:00:00Z`;
      const api = await startAppProcess({ LICENCES_DATA_DIR: dataDir, LICENCES_IMPORT_CUTOVER: cutover });
      try {
        expect(await projectionsCaughtUp(api.baseUrl, cliToken('admin', 'readme'), CATCH_UP_TIMEOUT_MS)).toBe(
          true,
        );
        const run = await runBash(
          walkthroughScript(blocks),
          { API: api.baseUrl, LICENCES_DATA_DIR: dataDir },
          WALKTHROUGH_TIMEOUT_MS,
        );
        if (run.status !== 0) {
          throw new Error(`The README walkthrough failed (exit ${run.status}):\n${run.stderr.slice(-4000)}`);
        }

        const lastYear = new Date().getUTCFullYear() - 1;
        const report = await runScriptAsync(
          [
            '-r',
            './tools/register.cjs',
            'apps/api/src/cli/report.cli.ts',
            'eu-annual',
            '--year',
            String(lastYear),
          ],
          { LICENCES_DATA_DIR: dataDir },
        );
        expect(report.status).toBe(0);
        const euAnnual = JSON.parse(report.stdout) as { rows: { licencesIssued: number }[] };
        expect(euAnnual.rows.length).toBeGreaterThan(0);
        expect(euAnnual.rows.some((row) => row.licencesIssued > 0)).toBe(true);
      } finally {
        await kill(api.child, 'SIGTERM');
      }
    },
    DEMO_TIMEOUT_MS + CATCH_UP_TIMEOUT_MS + WALKTHROUGH_TIMEOUT_MS + 60_000,
  );
});
