import { Command } from 'commander';
import { describeContents, reportFailure } from './backup/backup-output';
import { embeddedDataFolder } from './backup/embedded-data-folder';
import { restoreBackup } from './backup/restore-backup';
import { echoCommand } from './echo-command';

interface Options {
  from: string;
  to?: string;
  replace?: boolean;
  json?: boolean;
}

async function restore(options: Options): Promise<void> {
  const result = await restoreBackup({
    from: options.from,
    to: options.to ?? embeddedDataFolder(),
    replace: options.replace ?? false,
  });
  const { manifest, target, movedAside } = result;
  process.stdout.write(
    options.json
      ? `${JSON.stringify({ ok: true, target, movedAside: movedAside ?? null, manifest }, null, 2)}\n`
      : [
          `Restored the backup taken ${manifest.finishedAt} of ${manifest.source.dataDir} into ${target}, verified`,
          ...describeContents(manifest),
          ...(movedAside ? [`  old contents:     moved aside into ${movedAside}`] : []),
          `Start the API with LICENCES_DATA_DIR=${target}; the read models catch up from the events on start-up.`,
          '',
        ].join('\n'),
  );
}

new Command('restore')
  .description(
    'Restore a backup made by npm run backup into a data folder no process uses, after checking every file against its manifest and verifying the copy',
  )
  .requiredOption('--from <backup>', 'the backup folder (with its manifest.json)')
  .option('--to <folder>', 'the data folder to restore into (default: LICENCES_DATA_DIR, or ./data)')
  .option(
    '--replace',
    'move a non-empty data folder aside into <folder>.before-restore-<time> instead of refusing',
  )
  .option('--json', 'print the result as JSON')
  .hook('preAction', () => echoCommand('restore'))
  .action(restore)
  .parseAsync()
  .catch((error: unknown) => reportFailure(error, process.argv.includes('--json')));
