import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { cliToken, kill, runScriptAsync, startAppProcess } from './support/app-process';
import { headPosition } from './support/imported-decision';

const TODAY = '2026-11-30';
const FIVE_YEARS = ['--from', '2021-01-01', '--to', '2026-11-29'];
/** Longest wait for the API's inline projections to reach the demo's last event. */
const CATCH_UP_MS = 60_000;

const node = (script: string) => ['-r', './tools/register.cjs', `apps/api/src/cli/${script}.cli.ts`];

describe('npm run demo', () => {
  const folders: string[] = [];
  let api: { child: ChildProcess; baseUrl: string } | undefined;

  const newFolder = () => {
    const folder = mkdtempSync(join(tmpdir(), 'licences-demo-'));
    folders.push(folder);
    return folder;
  };

  afterAll(async () => {
    if (api) await kill(api.child, 'SIGTERM');
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  it('loads a history that reports, replay and the API show, and refuses to load into it again', async () => {
    const dataDir = newFolder();
    const env = { LICENCES_DATA_DIR: dataDir };
    const loaded = await runScriptAsync([...node('demo'), '--cases', '60', '--today', TODAY, '--json'], env);
    expect(loaded.stderr).not.toContain('Error');
    expect(loaded.status).toBe(0);
    const summary = JSON.parse(loaded.stdout);
    expect(summary.cases).toEqual({ total: 60, live: 55, imported: 5 });
    expect(summary.archive).toEqual(
      expect.objectContaining({ cases: 5, uploadedBy: expect.stringMatching(/^demo\./) }),
    );
    expect(summary.archive.approvedBy).toMatch(/^demo\./);
    expect(summary.archive.approvedBy).not.toBe(summary.archive.uploadedBy);
    // One event per decision, and the import's own record beside them.
    expect(summary.position).toBeGreaterThan(summary.events);
    expect(await headPosition(dataDir)).toBe(summary.position);
    // The bar's final state is written once.
    expect(loaded.stderr.match(/100% \|/g)).toHaveLength(1);

    const report = await runScriptAsync([...node('report'), 'eu-annual', '--year', '2025'], env);
    expect(report.status).toBe(0);
    const euAnnual = JSON.parse(report.stdout);
    expect(euAnnual.rows.length).toBeGreaterThan(0);
    expect(euAnnual.rows.some((row: { licencesIssued: number }) => row.licencesIssued > 0)).toBe(true);

    const replay = await runScriptAsync([...node('replay'), ...FIVE_YEARS, '--json'], env);
    expect(replay.status).toBe(0);
    const decisions = JSON.parse(replay.stdout);
    expect(decisions.totals.decisions).toBe(summary.events);
    const importedCases = new Set(
      decisions.decisions
        .filter((d: { imported?: unknown }) => d.imported)
        .map((d: { caseId: string }) => d.caseId),
    );
    const deviations = decisions.findings.filter((f: { severity: string }) => f.severity === 'deviation');
    expect(deviations.length).toBe(summary.importedDeviations);
    expect(deviations.length).toBeGreaterThanOrEqual(2);
    for (const finding of deviations) {
      expect(finding.code).toBe('VALIDITY_LONGER_THAN_RULE');
      expect(importedCases.has(finding.caseId)).toBe(true);
    }
    expect(deviations.map((f: { caseId: string }) => f.caseId)).toContain(
      summary.examples.importedWithDeviation.caseId,
    );

    api = await startAppProcess(env);
    const token = cliToken('senior-assessor', 'demo-e2e');
    const revoked = summary.examples.revoked.caseId;
    const url = `${api.baseUrl}/api/licences/${revoked}/revocation?minPosition=${summary.position}`;
    const deadline = Date.now() + CATCH_UP_MS;
    let answer = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    while (answer.status !== 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      answer = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    }
    expect(answer.status).toBe(200);
    const justification = (await answer.json()) as Record<string, any>;
    expect(justification.circumstances).toEqual(expect.any(String));
    expect(justification.criteria.length).toBeGreaterThan(0);
    expect(justification.evidence.length).toBeGreaterThan(0);
    // Four eyes: proposed by one demo official, approved by another.
    expect(justification.proposedBy.sub).toMatch(/^demo\./);
    expect(justification.approvedBy.sub).toMatch(/^demo\./);
    expect(justification.approvedBy.sub).not.toBe(justification.proposedBy.sub);
    const archive = await fetch(`${api.baseUrl}/api/imports/${summary.archive.importId}`, {
      headers: { authorization: `Bearer ${cliToken('admin', 'demo-e2e-admin')}` },
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

    const again = await runScriptAsync([...node('demo'), '--cases', '60', '--today', TODAY], env);
    expect(again.status).toBe(1);
    expect(again.stdout).toBe('');
    expect(again.stderr).toBe(
      `Refusing to load demo data: the event store at ${join(dataDir, 'licences.sqlite')} already holds ${summary.position} events; point LICENCES_DATA_DIR at a new folder\n`,
    );
    expect(await headPosition(dataDir)).toBe(summary.position);
  }, 300_000);

  it('refuses to run with NODE_ENV=production, before it creates anything', async () => {
    const dataDir = join(newFolder(), 'never-created');
    const result = await runScriptAsync([...node('demo'), '--cases', '20'], {
      LICENCES_DATA_DIR: dataDir,
      NODE_ENV: 'production',
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'Refusing to load demo data: NODE_ENV is production, and sample data must never enter a production store\n',
    );
    expect(existsSync(dataDir)).toBe(false);
  }, 120_000);
});
