import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './app-process';

/** A shell block of the README, with the line its fence opens on (for messages). */
export interface ShellBlock {
  readonly line: number;
  readonly code: string;
}

/** Put on the line before a block the walkthrough must not run (installing, starting the server). */
export const NOT_RUN_MARKER = '<!-- not run by the README test';

/**
 * The README's `sh` blocks in order, except those marked as not run. Blocks in other languages
 * (JSON examples, tables) are documentation only.
 */
export function readmeShellBlocks(
  markdown = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8'),
): ShellBlock[] {
  const lines = markdown.split('\n');
  const blocks: ShellBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(sh|bash)\s*$/.test(lines[i] ?? '')) continue;
    let above = i - 1;
    while (above >= 0 && (lines[above] ?? '').trim() === '') above--;
    const skipped = (lines[above] ?? '').startsWith(NOT_RUN_MARKER);
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !(lines[i] ?? '').startsWith('```'); i++) body.push(lines[i] ?? '');
    if (!skipped) blocks.push({ line: start + 1, code: body.join('\n') });
  }
  return blocks;
}

/** Bash that runs before the blocks: stops at the first failure, and checks every answer. */
export const WALKTHROUGH_PRELUDE = readFileSync(join(__dirname, 'readme-walkthrough.prelude.sh'), 'utf8');

/** One script: the prelude, then every block, each announced on stderr so a failure names it. */
export function walkthroughScript(blocks: readonly ShellBlock[]): string {
  const steps = blocks.map(
    (block) => `echo ${JSON.stringify(`--- README block at line ${block.line}`)} >&2\n${block.code}\n`,
  );
  return `${WALKTHROUGH_PRELUDE}\n${steps.join('\n')}`;
}
