// Ends the test output with the plain line CI reads: "N passed, N failed".
// It is written when the process exits, after everything Jest itself prints.
const { killAll, liveDescendantsOf } = require('./process-tree.cjs');

// Jest exits by itself once nothing is open; a run still alive this long after its results is held
// by something a test leaked (a server, a timer, a child process).
const EXIT_GRACE_MS = 30_000;

class SummaryReporter {
  onRunComplete(_contexts, results) {
    let failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = () =>
      `${results.numPassedTests} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : '');
    process.once('exit', () => process.stdout.write(`\n${line()}\n`));
    // Not forceExit, which would hide the leak: the run ends, says loudly what held it, and fails.
    setTimeout(() => {
      const processes = liveDescendantsOf(process.pid);
      const held = [
        `open handles: ${process.getActiveResourcesInfo().join(', ') || 'none'}`,
        ...processes.map(({ pid, command }) => `process ${pid}: ${command}`),
      ];
      process.stderr.write(
        `\nJest had not exited ${EXIT_GRACE_MS / 1000} s after the run; ending it, counted as 1 failed.\n` +
          `  ${held.join('\n  ')}\n`,
      );
      failed += 1;
      void killAll(processes).finally(() => process.exit(1));
    }, EXIT_GRACE_MS).unref();
  }
}
module.exports = SummaryReporter;
