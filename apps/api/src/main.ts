import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApp } from './app.factory';
import { loadIdentityConfig } from './auth/identity-config';
import { consoleConfigOf } from './console/console-config';
import { ConfigError, loadConfig } from './config/app-config';
import type { AppConfig } from './config/app-config';
import { prepareDataFolder } from './config/data-folder';
import { httpLimitsOf } from './config/http-limits-config';
import { holdInlineProjectionsLease } from './config/inline-projections.lease';
import { startUpBanner } from './config/start-up-banner';
import { checkDataFolderAtStart } from './config/store-integrity';
import { openStartUpGate } from './health/start-up-gate';
import { jsonLogger } from './logging/json-logger';

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A listen failure the operator can fix, as a ConfigError naming the setting; others as they are. */
function listenFailure(error: unknown, { host, port }: AppConfig): unknown {
  switch (codeOf(error) ?? '') {
    case 'EADDRINUSE':
      return new ConfigError(`port ${port} on ${host} is in use; set PORT to a free port`);
    case 'EACCES':
      return new ConfigError(
        `port ${port} on ${host} needs privileges this process does not have; set PORT to 1024 or above`,
      );
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new ConfigError(
        `HOST ${host} is no address of this machine; set HOST to one of its addresses (0.0.0.0: all of them)`,
      );
    default:
      return error;
  }
}

async function bootstrap(): Promise<void> {
  // Everything this process creates (stores, WAL/SHM, lease, import staging) is owner-only.
  process.umask(0o077);
  const config = loadConfig();
  const identity = loadIdentityConfig(process.env, config.mode);
  const consoleConfig = consoleConfigOf(process.env, identity);
  // Before SQLite opens anything: a bad folder is one line naming LICENCES_DATA_DIR.
  prepareDataFolder(config.dataDir);
  // Wider modes narrowed with a warning; a damaged store refused before anything serves from it.
  const early = jsonLogger(config.logLevel).child({ context: 'DataFolder' });
  await checkDataFolderAtStart(
    config.dataDir,
    { warn: (warning) => early.warn(warning), log: (line) => early.info(line) },
    async (files) => {
      early.info(`Checking ${files.join(', ')} in full before serving; /health/live answers meanwhile`);
      try {
        return await openStartUpGate(config.host, config.port, files);
      } catch (error) {
        throw listenFailure(error, config);
      }
    },
  );
  const app = await createApp({
    dataDir: config.dataDir,
    identity,
    rateLimits: config.rateLimits,
    httpLimits: httpLimitsOf(process.env),
    console: consoleConfig,
    projections: config.projections,
    eventStore: config.eventStore,
    readStore: config.readStore,
    ...(config.importCutover && { importCutover: config.importCutover }),
    logLevel: config.logLevel,
    maxProjectionLag: config.maxProjectionLag,
    shutdownTimeoutMs: config.shutdownTimeoutMs,
  }).catch((error: unknown) => {
    // A folder that takes files may still hold a file SQLite cannot use (not a database, locked).
    if (!codeOf(error)?.startsWith('SQLITE_')) throw error;
    throw new ConfigError(
      `SQLite cannot use the files in LICENCES_DATA_DIR ${config.dataDir}: ${(error as Error).message} ` +
        `(${codeOf(error)}); set LICENCES_DATA_DIR to another folder or repair the file`,
    );
  });
  // Behind proxies the socket's address is the proxy's: the limit per address needs the client's.
  if (config.trustProxyHops > 0) (app as NestExpressApplication).set('trust proxy', config.trustProxyHops);
  const release = config.projections === 'inline' ? holdInlineProjectionsLease(config.dataDir) : undefined;
  try {
    await app.listen(config.port, config.host);
  } catch (error) {
    throw listenFailure(error, config);
  }
  if (release) (app.getHttpServer() as NodeJS.EventEmitter).once('close', release);
  const { lines, warnings } = startUpBanner(config, identity);
  const logger = new Logger('Licences');
  for (const line of lines) logger.log(line);
  for (const warning of warnings) logger.warn(warning);
}

bootstrap().catch((error: unknown) => {
  // A misconfiguration is one line that names the setting to change, never a stack trace.
  console.error(error instanceof ConfigError ? `Refusing to start: ${error.message}` : error);
  process.exit(1);
});
