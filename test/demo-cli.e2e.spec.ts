import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { cliToken, kill, runScriptAsync, startAppProcess } from './support/app-process';
import { APP_START_MS, SCRIPT_MS, STOP_MS } from './support/child-processes';
import { headPosition } from './support/imported-decision';
import { timeoutAbove, waitUntil } from './support/waiting';

const TODAY = '2026-11-30';
const FIVE_YEARS_AND_THIS_ONE = ['--from', '2021-01-01', '--to', '2026-11-29'];
/** A demo of 60 cases: a few seconds idle, many times that with both cores taken. */
const DEMO_MS = 2 * SCRIPT_MS;
/** The API's inline projections reaching the demo's last event after `npm start`. */
const CATCH_UP_MS = 60_000;

const cli = (script: string, ...args: string[]) => [
  '-r',
  './tools/register.cjs',
  `apps/api/src/cli/${script}.cli.ts`,
  ...args,
];

describe('npm run demo', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'licences-demo-'));
  const env = { LICENCES_DATA_DIR: dataDir };
  let loaded: { status: number | null; stdout: string; stderr: string };
  let summary: any;
  let api: { child: ChildProcess; baseUrl: string } | undefined;

  beforeAll(async () => {
    loaded = await runScriptAsync(cli('demo', '--cases', '60', '--today', TODAY, '--json'), env, DEMO_MS);
    if (loaded.status !== 0) throw new Error(`npm run demo exited ${loaded.status}:\n${loaded.stderr}`);
    summary = JSON.parse(loaded.stdout);
  }, timeoutAbove(DEMO_MS));

  afterAll(async () => {
    if (api) await kill(api.child, 'SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }, timeoutAbove(STOP_MS));

  it('loads the cases live and through the two-admin import, with the bar on stderr once at its end', async () => {
    expect(summary.cases).toEqual({ total: 60, live: 55, imported: 5 });
    expect(summary.archive).toEqual(
      expect.objectContaining({ cases: 5, uploadedBy: expect.stringMatching(/^demo\./) }),
    );
    // Five archived cases fit in one import file.
    expect(summary.archive.importIds).toHaveLength(1);
    expect(summary.archive.approvedBy).toMatch(/^demo\./);
    expect(summary.archive.approvedBy).not.toBe(summary.archive.uploadedBy);
    // One event per decision, and the import's own record beside them.
    expect(summary.position).toBeGreaterThan(summary.events);
    expect(await headPosition(dataDir)).toBe(summary.position);
    expect(loaded.stderr.match(/100% \|/g)).toHaveLength(1);
  });

  it(
    'gives the EU annual report of last year rows',
    async () => {
      const report = await runScriptAsync(cli('report', 'eu-annual', '--year', '2025'), env);
      expect(report.status).toBe(0);
      const rows = JSON.parse(report.stdout).rows as { licencesIssued: number }[];
      expect(rows.some((row) => row.licencesIssued > 0)).toBe(true);
    },
    timeoutAbove(SCRIPT_MS),
  );

  it(
    'lets replay over the five years find the deviations planted in the imported history',
    async () => {
      const replay = await runScriptAsync(cli('replay', ...FIVE_YEARS_AND_THIS_ONE, '--json'), env);
      expect(replay.status).toBe(0);
      const view = JSON.parse(replay.stdout);
      expect(view.totals.decisions).toBe(summary.events);
      const imported = new Set(
        view.decisions
          .filter((d: { imported?: unknown }) => d.imported)
          .map((d: { caseId: string }) => d.caseId),
      );
      const deviations = view.findings.filter((f: { severity: string }) => f.severity === 'deviation');
      expect(deviations.length).toBe(summary.importedDeviations);
      expect(deviations.length).toBeGreaterThanOrEqual(2);
      for (const finding of deviations) {
        expect(finding.code).toBe('VALIDITY_LONGER_THAN_RULE');
        expect(imported.has(finding.caseId)).toBe(true);
      }
      expect(deviations.map((f: { caseId: string }) => f.caseId)).toContain(
        summary.examples.importedWithDeviation.caseId,
      );
    },
    timeoutAbove(SCRIPT_MS),
  );

  it(
    'is served by npm start afterwards: a revocation by two demo officials, and the import record',
    async () => {
      api = await startAppProcess(env);
      const { baseUrl } = api;
      // Both tokens before the first request: a token CLI blocks this process for seconds, long
      // enough for the server to close a kept-alive connection the fetch pool still counts on.
      const senior = cliToken('senior-assessor', 'demo-e2e');
      const admin = cliToken('admin', 'demo-e2e-admin');
      const revocation = `${baseUrl}/api/licences/${summary.examples.revoked.caseId}/revocation`;
      let answer: Response | undefined;
      await waitUntil(
        async () => {
          answer = await fetch(revocation, { headers: { authorization: `Bearer ${senior}` } });
          return answer.ok;
        },
        'the API has projected the demo and answers its revoked licence',
        CATCH_UP_MS,
        250,
      );
      const justification = (await answer!.json()) as Record<string, any>;
      expect(justification.circumstances).toEqual(expect.any(String));
      expect(justification.criteria.length).toBeGreaterThan(0);
      expect(justification.evidence.length).toBeGreaterThan(0);
      expect(justification.proposedBy.sub).toMatch(/^demo\./);
      expect(justification.approvedBy.sub).toMatch(/^demo\./);
      expect(justification.approvedBy.sub).not.toBe(justification.proposedBy.sub);

      const archive = await fetch(`${baseUrl}/api/imports/${summary.archive.importIds[0]}`, {
        headers: { authorization: `Bearer ${admin}` },
      });
      expect(archive.status).toBe(200);
      expect(await archive.json()).toEqual(
        expect.objectContaining({
          status: 'committed',
          uploadedBy: { sub: summary.archive.uploadedBy, role: 'admin' },
        }),
      );
      await kill(api.child, 'SIGTERM');
      api = undefined;
    },
    timeoutAbove(APP_START_MS, SCRIPT_MS, CATCH_UP_MS, SCRIPT_MS, STOP_MS),
  );

  it(
    'refuses to load into a store that holds events, and adds nothing',
    async () => {
      const again = await runScriptAsync(cli('demo', '--cases', '60', '--today', TODAY), env, DEMO_MS);
      expect(again.status).toBe(1);
      expect(again.stdout).toBe('');
      expect(again.stderr).toBe(
        `Refusing to load demo data: the event store at ${join(dataDir, 'licences.sqlite')} already holds ${summary.position} events; point LICENCES_DATA_DIR at a new folder\n`,
      );
      expect(await headPosition(dataDir)).toBe(summary.position);
    },
    timeoutAbove(DEMO_MS),
  );

  it(
    'refuses to run with NODE_ENV=production, before it creates anything',
    async () => {
      const untouched = join(dataDir, 'never-created');
      const result = await runScriptAsync(cli('demo', '--cases', '20'), {
        LICENCES_DATA_DIR: untouched,
        NODE_ENV: 'production',
      });
      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        'Refusing to load demo data: NODE_ENV is production, and sample data must never enter a production store\n',
      );
      expect(existsSync(untouched)).toBe(false);
    },
    timeoutAbove(SCRIPT_MS),
  );
});
