import { Module } from '@nestjs/common';
import { HistoricalImportService } from './historical-import.service';

/**
 * The historical import on its own, so that the import CLI needs no command bus. Needs
 * EVENT_STORE and CLOCK from a global infrastructure module provided by the app.
 */
@Module({
  providers: [HistoricalImportService],
  exports: [HistoricalImportService],
})
export class HistoricalImportModule {}
