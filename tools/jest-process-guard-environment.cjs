// Jest's node environment, plus a guard: a process that a test file started and did not stop
// is killed when the file ends, and the file fails naming it. A leaked child would otherwise keep
// Jest running (on two cores Jest runs the files in its own process) and `npm test` would never
// print its closing line. Specs stop their own processes; this only catches the ones they missed.
const { TestEnvironment } = require('jest-environment-node');
const { killAll, liveDescendantsOf } = require('./process-tree.cjs');

class ProcessGuardEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.testPath = context.testPath;
  }

  async teardown() {
    const leaked = liveDescendantsOf(process.pid);
    const survivors = leaked.length > 0 ? await killAll(leaked) : [];
    await super.teardown();
    if (leaked.length === 0) return;
    const list = leaked.map(({ pid, command }) => `  pid ${pid}: ${command}`).join('\n');
    throw new Error(
      `${this.testPath} left ${leaked.length} process(es) running; the guard killed them:\n${list}` +
        (survivors.length > 0
          ? `\nStill alive after SIGKILL: ${survivors.map((p) => p.pid).join(', ')}`
          : ''),
    );
  }
}

module.exports = ProcessGuardEnvironment;
