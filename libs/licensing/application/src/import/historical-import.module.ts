import { Module } from '@nestjs/common';
import { DUTCH_VALIDITY_POLICY } from '@licences/licensing-domain';
import { VALIDITY_POLICY } from '../licence-command.executor';
import { HistoricalImportService } from './historical-import.service';

/**
 * The historical import on its own, so that the import CLI needs no command bus. Needs
 * EVENT_STORE and CLOCK from a global infrastructure module provided by the app.
 */
@Module({
  providers: [{ provide: VALIDITY_POLICY, useValue: DUTCH_VALIDITY_POLICY }, HistoricalImportService],
  exports: [HistoricalImportService],
})
export class HistoricalImportModule {}
