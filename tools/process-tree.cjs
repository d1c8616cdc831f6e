// Finds and ends the processes a test process left behind. Linux only (it reads /proc); elsewhere
// it finds nothing, so the guards built on it do nothing rather than fail.
const { readdirSync, readFileSync } = require('node:fs');

/** `{ pid, ppid, state }` of every process, or [] without /proc. */
function processTable() {
  let entries;
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const table = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name is in parentheses and may itself hold spaces and parentheses.
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.push({ pid: Number(entry), ppid: Number(ppid), state });
    } catch {
      // the process ended while the table was read
    }
  }
  return table;
}

function commandLineOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  } catch {
    return '(ended)';
  }
}

/**
 * Every live descendant of `rootPid` (children first, then theirs), with its command line.
 * Zombies are left out: they have ended and only wait for their parent to collect them.
 */
function liveDescendantsOf(rootPid) {
  const table = processTable();
  const found = [];
  let parents = new Set([rootPid]);
  while (parents.size > 0) {
    const children = table.filter((p) => parents.has(p.ppid) && p.state !== 'Z');
    found.push(...children.map((p) => ({ pid: p.pid, command: commandLineOf(p.pid) })));
    parents = new Set(children.map((p) => p.pid));
  }
  return found;
}

function isAlive(pid) {
  const entry = processTable().find((p) => p.pid === pid);
  return entry !== undefined && entry.state !== 'Z';
}

/** SIGKILLs `processes` and waits (at most `timeoutMs`) until none is alive; returns those still alive. */
async function killAll(processes, timeoutMs = 10_000) {
  for (const { pid } of processes) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  const deadline = Date.now() + timeoutMs;
  let alive = processes.filter((p) => isAlive(p.pid));
  while (alive.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    alive = alive.filter((p) => isAlive(p.pid));
  }
  return alive;
}

module.exports = { liveDescendantsOf, killAll };
