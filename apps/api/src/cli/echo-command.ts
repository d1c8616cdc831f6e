/** Quotes an argument that a shell would split or expand, so that the echoed line can be pasted. */
function shellWord(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * Writes on stderr the command as this process received it. npm echoes the script it runs, but
 * masks whatever looks like a secret, and every UUID does: `npm run replay -- --case <id>` shows
 * up as `--case ***`. This line shows what was really asked for (`npm run -s` hides npm's own).
 */
export function echoCommand(script: string, argv: readonly string[] = process.argv.slice(2)): void {
  process.stderr.write(`> ${[script, ...argv].map(shellWord).join(' ')}\n`);
}
