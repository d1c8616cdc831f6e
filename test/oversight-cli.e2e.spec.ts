import { runScript } from './support/app-process';
import { SCRIPT_MS } from './support/child-processes';
import { timeoutAbove } from './support/waiting';
import { assessment } from './support/cases';
import { alliedIssueBeforeAccession, appendImported } from './support/imported-decision';
import { TestApp } from './support/test-app';

const YEAR_2024 = ['--from', '2024-01-01', '--to', '2024-12-31'];

describe('oversight from the command line', () => {
  let app: TestApp;

  afterEach(async () => {
    await app.dispose();
  });

  it(
    'reports on the data folder of a stopped app, as text and as JSON',
    async () => {
      app = await new TestApp().start();
      const register = (overrides: Record<string, unknown> = {}) => app.registerCase(overrides);
      // An imported 3-year issue to MK on 2020-03-26, the day before it joined NATO.
      app.clock.set('2020-03-20T10:00:00Z');
      const id = await register({ destination: { country: 'MK', endUser: 'Army of North Macedonia' } });
      await appendImported(app.dataDir, id, alliedIssueBeforeAccession(), 0);
      // DE with a 60-month contract, issued 2024-03-01 until 2027-02-28; under the contract until
      // 2029-02-28: 365 + 366 = 731 days more.
      app.clock.set('2024-03-01T10:00:00Z');
      const de = await register({ contract: { termMonths: 60 } });
      await app.request('POST', `/api/licences/${de}/issue`, { role: 'assessor', body: { assessment } });
      // The CLIs catch the read models up themselves, so stopping the app mid-projection is fine.
      await app.stop();
      const cli = (script: string, ...args: string[]) =>
        runScript(['-r', './tools/register.cjs', `apps/api/src/cli/${script}`, ...args], {
          LICENCES_DATA_DIR: app.dataDir,
        });

      const text = cli('replay.cli.ts', '--case', id);
      expect(text.status).toBe(0);
      expect(text.stdout).toContain(`Replay of case ${id}: 2 steps, 3 findings (3 deviations, 0 notes)`);
      expect(text.stdout).toContain(
        'DEVIATION VALIDITY_LONGER_THAN_RULE  validUntil: recorded 2023-03-25, expected 2021-03-25',
      );
      expect(text.stdout).toContain('MEMBERSHIP_FACT_NOT_TRUE_ON_DECISION_DATE');

      const json = cli('replay.cli.ts', '--case', id, '--json');
      expect(json.status).toBe(0);
      expect(JSON.parse(json.stdout).findings).toHaveLength(3);

      const period = cli('replay.cli.ts', '--from', '2020-01-01', '--to', '2024-12-31');
      expect(period.stdout).toContain(
        'Decisions from 2020-01-01 to 2024-12-31: 4 decisions, 2 re-checked, 3 findings',
      );
      expect(period.stdout).toContain('RULE_MISMATCH');

      const whatIf = cli('what-if.cli.ts', '--policy', 'contract-duration', ...YEAR_2024);
      expect(whatIf.status).toBe(0);
      expect(whatIf.stdout).toContain(
        'Totals: 1 licence: 1 longer, 0 shorter, 0 unchanged; +731 days in all',
      );
      const whatIfJson = cli('what-if.cli.ts', '--policy', 'contract-duration', ...YEAR_2024, '--json');
      expect(JSON.parse(whatIfJson.stdout).totals).toMatchObject({ licences: 1, differenceDays: 731 });

      const wrong = cli('replay.cli.ts', '--case', id, '--from', '2020-01-01');
      expect(wrong.status).toBe(1);
      expect(wrong.stderr).toContain('Give either --case <id>, or --from <date> and --to <date>');
      const badPolicy = cli('what-if.cli.ts', '--policy', 'forever', ...YEAR_2024);
      expect(badPolicy.status).not.toBe(0);
    },
    timeoutAbove(7 * SCRIPT_MS),
  );
});
