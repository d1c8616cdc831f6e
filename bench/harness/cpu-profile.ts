import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from './node-cli';

/*
 * The top self-time functions of `node --cpu-prof` profiles. A .cpuprofile is JSON: `nodes`
 * (each a call frame with an id), `samples` (the node on top of the stack at each tick) and
 * `timeDeltas` (microseconds before each sample); a function's self time is the sum of the deltas
 * of the samples taken while it was on top.
 */

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface SelfTime {
  readonly name: string;
  readonly ms: number;
  readonly share: number;
}

function frameName({ functionName, url, lineNumber }: ProfileNode['callFrame']): string {
  const where = url.startsWith('file://') ? relative(REPO_ROOT, url.slice('file://'.length)) : url;
  return `${functionName || '(anonymous)'} ${where ? `${where}:${lineNumber + 1}` : ''}`.trim();
}

/** The `top` functions of one profile by self time, with their share of the busy (not idle) sampled time. */
export function topSelfTimes(file: string, top = 10): SelfTime[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const names = new Map(profile.nodes.map((node) => [node.id, frameName(node.callFrame)]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    const name = names.get(id) ?? '(unknown)';
    // Waiting is not work: the shares are of the time the process was busy.
    if (name === '(idle)') return;
    self.set(name, (self.get(name) ?? 0) + delta);
    total += delta;
  });
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, micros]) => ({ name, ms: micros / 1000, share: total > 0 ? micros / total : 0 }));
}

/** Prints the top 10 self-time functions of every profile under `root` (one folder per figure). */
export function printTopFunctions(root: string, print: (line: string) => void): void {
  let folders: string[];
  try {
    folders = readdirSync(root).filter((name) => statSync(join(root, name)).isDirectory());
  } catch {
    print(`No profiles were written under ${root}.`);
    return;
  }
  for (const folder of folders) {
    for (const file of readdirSync(join(root, folder)).filter((name) => name.endsWith('.cpuprofile'))) {
      const path = join(root, folder, file);
      print(`\n#### Profile ${relative(REPO_ROOT, path)}: top 10 self time\n`);
      print('| function | self ms | share |');
      print('|---|---|---|');
      for (const entry of topSelfTimes(path)) {
        print(`| \`${entry.name}\` | ${Math.round(entry.ms)} | ${(entry.share * 100).toFixed(1)}% |`);
      }
    }
  }
}
