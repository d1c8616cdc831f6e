import { resolve } from 'node:path';
import { Command } from 'commander';
import { describeContents, reportFailure } from './backup/backup-output';
import { embeddedDataFolder } from './backup/embedded-data-folder';
import { takeBackup } from './backup/take-backup';
import { echoCommand } from './echo-command';
import { progressBar } from './progress-bar';

interface Options {
  to: string;
  json?: boolean;
}

async function backup(options: Options): Promise<void> {
  const dataDir = embeddedDataFolder();
  const bar = options.json ? undefined : progressBar('Backing up   {bar} {value}/{total} files {file}');
  try {
    const manifest = await takeBackup({
      dataDir,
      target: options.to,
      onProgress: (done, total, file) => {
        if (done === 0) bar?.start(total, 0, { file });
        bar?.update(done, { file });
      },
    });
    bar?.stop();
    const target = resolve(options.to);
    process.stdout.write(
      options.json
        ? `${JSON.stringify({ ok: true, target, manifest }, null, 2)}\n`
        : [
            `Backed up ${dataDir} into ${target}, verified`,
            ...describeContents(manifest),
            `  taken:            ${manifest.startedAt} to ${manifest.finishedAt}`,
            `Restore it with: npm run restore -- --from ${target}`,
            '',
          ].join('\n'),
    );
  } catch (error) {
    bar?.stop();
    throw error;
  }
}

new Command('backup')
  .description(
    'Copy the embedded stores (events, access log, read models, staged imports) into a new folder while the API runs, and verify the copy',
  )
  .requiredOption('--to <folder>', 'a new or empty folder, outside the data folder')
  .option('--json', 'print the result as JSON')
  .hook('preAction', () => echoCommand('backup'))
  .action(backup)
  .parseAsync()
  .catch((error: unknown) => reportFailure(error, process.argv.includes('--json')));
