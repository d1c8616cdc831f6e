import { SingleBar } from 'cli-progress';

/**
 * What a progress bar writes when stderr is no terminal (a pipe, a log file, CI): a line only
 * when it differs from the one before. cli-progress redraws the same line on start, on every
 * tick and once more on stop, so a finished bar would otherwise appear twice or more, followed
 * by an empty line.
 */
class ChangedLinesOnly {
  readonly isTTY = false;
  private pending = '';
  private last: string | undefined;

  constructor(private readonly target: NodeJS.WritableStream) {}

  write(text: string): boolean {
    this.pending += text;
    let end = this.pending.indexOf('\n');
    while (end >= 0) {
      const line = this.pending.slice(0, end);
      this.pending = this.pending.slice(end + 1);
      if (line !== '' && line !== this.last) {
        this.target.write(`${line}\n`);
        this.last = line;
      }
      end = this.pending.indexOf('\n');
    }
    return true;
  }
}

/**
 * A progress bar on stderr: redrawn in place on a terminal; elsewhere one line per change (at
 * most one a second), so that its final state is written once.
 */
export function progressBar(format: string, stream: NodeJS.WriteStream = process.stderr): SingleBar {
  return new SingleBar({
    format,
    stream: stream.isTTY ? stream : (new ChangedLinesOnly(stream) as unknown as NodeJS.WritableStream),
    noTTYOutput: true,
    notTTYSchedule: 1000,
  });
}
