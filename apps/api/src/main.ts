import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/app-config';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const app = await createApp({
    dataDir: config.dataDir,
    jwtSecret: config.jwtSecret,
    projections: config.projections,
    eventStore: config.eventStore,
    ...(config.importCutover && { importCutover: config.importCutover }),
  });
  await app.listen(config.port, config.host);
  new Logger('Bootstrap').log(
    `Admin API on http://${config.host}:${config.port}/api (${config.eventStore.kind} event store, data in ${config.dataDir})`,
  );
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `Refusing to start: ${error.message}` : error);
  process.exit(1);
});
