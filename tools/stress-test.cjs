#!/usr/bin/env node
// `npm run test:stress`: the process-level specs, several rounds in a row, beside processes that
// keep every core busy, as on a shared CI machine. Not part of `npm test`.
//
//   npm run test:stress [-- --rounds 3 --burners 2 --round-timeout-min 20 --list] [spec paths...]
//
// Process-level specs are the spec files that start processes: those importing the test helpers
// for processes (test/support/app-process or child-processes), the crash writer, playwright-core
// or node:child_process. Paths given on the command line replace that selection.
//
// Each round is one Jest run over those files; it passes when Jest exits 0 within the round's
// bound. A round over its bound is a hang: Jest and everything under it is killed. The burners
// stop when this command ends, and also end by themselves if it is killed outright.
const { spawn } = require('node:child_process');
const { readdirSync, readFileSync } = require('node:fs');
const { join, relative } = require('node:path');
const { killAll, liveDescendantsOf } = require('./process-tree.cjs');

const ROOT = join(__dirname, '..');
const STARTS_PROCESSES =
  /from '(\.\.?\/)+support\/(app-process|child-processes)'|crash-writer\.process'|from 'playwright-core'|from 'node:child_process'/;

// Busy-loops in slices, between which it checks that its parent lives and its lifetime is not over.
const BURNER = `
const [parent, lifetimeMs] = process.argv.slice(1).map(Number);
const end = Date.now() + lifetimeMs;
for (;;) {
  const slice = Date.now() + 100;
  while (Date.now() < slice);
  if (Date.now() > end) process.exit(0);
  try { process.kill(parent, 0); } catch { process.exit(0); }
}`;

function parseArgs(argv) {
  const options = { rounds: 3, burners: 2, roundTimeoutMin: 20, list: false, specs: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const number = () => {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 0) throw new Error(`${arg} needs a whole number`);
      return value;
    };
    if (arg === '--rounds') options.rounds = number();
    else if (arg === '--burners') options.burners = number();
    else if (arg === '--round-timeout-min') options.roundTimeoutMin = number();
    else if (arg === '--list') options.list = true;
    else if (arg.startsWith('-')) throw new Error(`Unknown option ${arg}`);
    else options.specs.push(arg);
  }
  if (options.rounds < 1 || options.roundTimeoutMin < 1)
    throw new Error('--rounds and --round-timeout-min must be at least 1');
  return options;
}

function specFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return specFiles(path);
    return entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

function processLevelSpecs() {
  return ['apps', 'libs', 'test', 'tools']
    .flatMap((dir) => specFiles(join(ROOT, dir)))
    .filter((file) => STARTS_PROCESSES.test(readFileSync(file, 'utf8')))
    .map((file) => relative(ROOT, file))
    .sort();
}

function startBurners(count, lifetimeMs) {
  return Array.from({ length: count }, () =>
    spawn(process.execPath, ['-e', BURNER, String(process.pid), String(lifetimeMs)], { stdio: 'ignore' }),
  );
}

/** One Jest run; resolves with its exit code (null when it hung), the time and its summary line. */
function runRound(specs, timeoutMs) {
  const started = Date.now();
  const jest = spawn(
    process.execPath,
    ['-r', './tools/exit-with-parent.cjs', 'node_modules/jest/bin/jest.js', '--runTestsByPath', ...specs],
    { cwd: ROOT, env: { ...process.env, TZ: 'UTC' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  current = jest;
  let tail = '';
  jest.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    tail = (tail + chunk.toString()).slice(-2000);
  });
  jest.stderr.on('data', (chunk) => process.stderr.write(chunk));
  let hung = false;
  const timer = setTimeout(() => {
    hung = true;
    const tree = [{ pid: jest.pid, command: 'jest' }, ...liveDescendantsOf(jest.pid)];
    process.stderr.write(
      `\nThe round passed its bound of ${timeoutMs / 60_000} min: killing Jest and ${tree.length - 1} process(es) under it.\n`,
    );
    // Whatever still holds Jest's output must not keep the round open.
    void killAll(tree).then(() => {
      jest.stdout.destroy();
      jest.stderr.destroy();
    });
  }, timeoutMs);
  return new Promise((resolve) => {
    jest.on('close', (code) => {
      clearTimeout(timer);
      current = undefined;
      const summary = tail.trim().split('\n').pop() ?? '';
      resolve({ code: hung ? null : code, seconds: Math.round((Date.now() - started) / 1000), summary });
    });
  });
}

let burners = [];
let current;
function stopEverything() {
  for (const child of [...burners, current]) {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}
const results = [];
function report() {
  process.stdout.write('\nStress results:\n');
  for (const { round, code, seconds, summary, burnersDown } of results) {
    const verdict = code === null ? 'HUNG (killed)' : code === 0 ? 'passed' : `FAILED (exit ${code})`;
    const load = burnersDown > 0 ? `; ${burnersDown} burner(s) had stopped` : '';
    process.stdout.write(`  round ${round}: ${verdict} in ${seconds} s; ${summary}${load}\n`);
  }
}
process.on('exit', stopEverything);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    stopEverything();
    report();
    process.stdout.write(`  stopped by ${signal} during round ${results.length + 1}\n`);
    process.exit(1);
  });
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const specs = options.specs.length > 0 ? options.specs : processLevelSpecs();
  if (options.list) {
    process.stdout.write(`${specs.join('\n')}\n`);
    return 0;
  }
  const roundMs = options.roundTimeoutMin * 60_000;
  process.stdout.write(
    `Stress: ${options.rounds} round(s) of ${specs.length} spec file(s) beside ${options.burners} CPU burner(s), ` +
      `each round bounded to ${options.roundTimeoutMin} min:\n  ${specs.join('\n  ')}\n`,
  );
  burners = startBurners(options.burners, options.rounds * roundMs + 60_000);
  for (let round = 1; round <= options.rounds; round++) {
    process.stdout.write(`\n=== Round ${round} of ${options.rounds} ===\n`);
    const result = await runRound(specs, roundMs);
    const idle = burners.filter((b) => b.exitCode !== null || b.signalCode !== null).length;
    results.push({ round, ...result, burnersDown: idle });
  }
  stopEverything();
  report();
  return results.every((r) => r.code === 0 && r.burnersDown === 0) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
