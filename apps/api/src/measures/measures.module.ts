import { Logger, Module } from '@nestjs/common';
import type { OnApplicationBootstrap } from '@nestjs/common';
import { LicensingApplicationModule, MeasureExecutor } from '@licences/licensing-application';
import { MeasuresController } from './measures.controller';

/**
 * The measure routes, and the resumption of any measure whose execution a stop or crash cut
 * short: started in the background, so that the API answers while it runs.
 */
@Module({
  imports: [LicensingApplicationModule],
  controllers: [MeasuresController],
})
export class MeasuresModule implements OnApplicationBootstrap {
  private readonly logger = new Logger(MeasuresModule.name);

  constructor(private readonly executor: MeasureExecutor) {}

  onApplicationBootstrap(): void {
    this.executor
      .unfinished()
      .then((owed) => owed.forEach((id) => this.executor.start(id)))
      .catch((error: unknown) =>
        this.logger.error(`Could not look for unfinished measures: ${String(error)}`),
      );
  }
}
