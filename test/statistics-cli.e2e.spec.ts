import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runScript } from './support/app-process';
import { SCRIPT_MS } from './support/child-processes';
import { timeoutAbove } from './support/waiting';
import { assessment } from './support/cases';
import { alliedIssueBeforeAccession, appendImported } from './support/imported-decision';
import { TestApp } from './support/test-app';

describe('statistics from the command line', () => {
  let app: TestApp;

  afterEach(async () => {
    await app.dispose();
  });

  it(
    'writes each format to --out, counts imported history in its business year, shows progress on stderr',
    async () => {
      app = await new TestApp().start();
      const register = (overrides: Record<string, unknown> = {}) => app.registerCase(overrides);
      // Imported: a licence to MK issued 2020-03-26 (business time), recorded now.
      app.clock.set('2020-03-20T10:00:00Z');
      const mk = await register({ destination: { country: 'MK', endUser: 'Army of North Macedonia' } });
      await appendImported(app.dataDir, mk, alliedIssueBeforeAccession(), 0);
      app.clock.set('2024-03-01T10:00:00Z');
      const de = await register();
      await app.request('POST', `/api/licences/${de}/issue`, { role: 'assessor', body: { assessment } });
      // The CLI catches the read models up itself.
      await app.stop();
      const cli = (...args: string[]) =>
        runScript(['-r', './tools/register.cjs', 'apps/api/src/cli/report.cli.ts', ...args], {
          LICENCES_DATA_DIR: app.dataDir,
        });

      for (const format of ['json', 'csv', 'md', 'html']) {
        const out = join(app.dataDir, `eu-2020.${format}`);
        const result = cli('eu-annual', '--year', '2020', '--format', format, '--out', out);
        expect(result.status).toBe(0);
        expect(result.stderr).toContain('projecting [');
        expect(existsSync(out)).toBe(true);
      }
      const json = JSON.parse(readFileSync(join(app.dataDir, 'eu-2020.json'), 'utf8'));
      expect(
        json.rows.map((r: { destination: string; licencesIssued: number }) => [
          r.destination,
          r.licencesIssued,
        ]),
      ).toEqual([['MK', 1]]);
      expect(readFileSync(join(app.dataDir, 'eu-2020.csv'), 'utf8')).toContain('# rows\r\n');

      const stdout = cli('issued', '--month', '2024-03');
      expect(stdout.status).toBe(0);
      const issued = JSON.parse(stdout.stdout);
      expect(issued.military.map((l: { caseId: string }) => l.caseId)).toEqual([de]);
      // The same position gives the same bytes.
      expect(cli('issued', '--month', '2024-03', '--position', String(issued.position)).stdout).toBe(
        stdout.stdout,
      );

      // In Dutch: Dutch words, country names beside the code, dd-mm-jjjj and 1.234,56.
      const dutch = cli('issued', '--month', '2024-03', '--lang', 'nl', '--format', 'md');
      expect(dutch.status).toBe(0);
      expect(dutch.stdout).toContain('# Afgegeven en afgewezen vergunningen');
      expect(dutch.stdout).toMatch(
        new RegExp(
          `\\| ${de} \\| \\d{2}-03-2024 \\| individueel \\| definitief \\| DE \\| Duitsland \\| Germany \\| .* \\| 1\\.250\\.000,00 \\|`,
        ),
      );
      const unknownLanguage = cli('issued', '--month', '2024-03', '--lang', 'fr');
      expect(unknownLanguage.status).toBe(1);
      expect(unknownLanguage.stderr).toContain('--lang');

      const bad = cli('issued', '--year', '2024', '--month', '2024-03');
      expect(bad.status).toBe(1);
      expect(bad.stderr).toContain('exactly one of');
    },
    timeoutAbove(9 * SCRIPT_MS),
  );
});
