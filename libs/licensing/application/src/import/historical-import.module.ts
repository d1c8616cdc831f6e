import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { HistoricalImportService } from './historical-import.service';
import { IMPORT_SETTINGS } from './import-settings';
import type { ImportSettings } from './import-settings';

/**
 * The historical import on its own, so that the import CLI needs no command bus. Needs
 * EVENT_STORE, CLOCK and VALIDITY_POLICY from a global infrastructure module provided by the app.
 */
@Module({})
export class HistoricalImportModule {
  static forRoot(settings: ImportSettings): DynamicModule {
    return {
      module: HistoricalImportModule,
      providers: [{ provide: IMPORT_SETTINGS, useValue: settings }, HistoricalImportService],
      exports: [HistoricalImportService],
    };
  }
}
