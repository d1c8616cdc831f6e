import { runScriptAsync } from './support/app-process';
import { SCRIPT_MS } from './support/child-processes';
import { timeoutAbove } from './support/waiting';

/** A Jest of its own on one fixture file, configured like ours: the guard's environment and summary line. */
function jestOn(fixture: string) {
  const config = {
    rootDir: '<rootDir>',
    testEnvironment: '<rootDir>/tools/jest-process-guard-environment.cjs',
    testMatch: [`<rootDir>/test/fixtures/${fixture}`],
    transform: {},
    reporters: ['default', '<rootDir>/tools/jest-summary-reporter.cjs'],
  };
  return runScriptAsync([
    'node_modules/jest/bin/jest.js',
    '--ci',
    '--rootDir',
    '.',
    '--config',
    JSON.stringify(config),
  ]);
}

describe('the process guard of the Jest runs', () => {
  it(
    'fails a file that leaves a process running, names and kills that process, and still ends with the summary line',
    async () => {
      const run = await jestOn('leaves-a-child-running.fixture.cjs');

      expect(run.status).toBe(1);
      expect(run.stdout.trim().split('\n').pop()).toBe('0 passed, 1 failed');
      expect(run.stderr).toMatch(
        /leaves-a-child-running\.fixture\.cjs left 1 process\(es\) running; the guard killed them/,
      );
      const leaked = /pid (\d+): \S+ -e setInterval/.exec(run.stderr);
      expect(leaked).not.toBeNull();
      expect(() => process.kill(Number(leaked![1]), 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
    },
    timeoutAbove(SCRIPT_MS),
  );
});
