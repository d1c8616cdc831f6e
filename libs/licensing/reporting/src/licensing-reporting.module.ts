import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { BuildReportHandler } from './build-report.handler';
import { StreamReportHandler } from './stream-report.handler';

/** Reports built from the statistics read model. Needs EVENT_STORE and READ_MODEL_STORE from the app. */
@Module({
  imports: [CqrsModule],
  providers: [BuildReportHandler, StreamReportHandler],
})
export class LicensingReportingModule {}
