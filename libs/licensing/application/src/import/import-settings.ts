import { join } from 'node:path';

/** How the app configures the historical import. */
export interface ImportSettings {
  /**
   * Only history from strictly before this instant can be imported: from it on, decisions are
   * taken in this system. Undefined: no cut-over, and every import is refused.
   */
  readonly cutover: Date | undefined;
  /** Where uploaded files are kept from staging on (under the data folder). */
  readonly stagingDir: string;
}

export const IMPORT_SETTINGS = Symbol.for('licences.ImportSettings');

/** The folder under the data folder that keeps uploaded import files. */
export function stagingDirIn(dataDir: string): string {
  return join(dataDir, 'imports');
}
