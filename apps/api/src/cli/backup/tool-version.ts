import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The name and version in the repository's package.json, recorded in every backup's manifest. */
export function toolVersion(): { name: string; version: string } {
  const pkg = JSON.parse(readFileSync(join(__dirname, '../../../../../package.json'), 'utf8')) as {
    name?: string;
    version?: string;
  };
  return { name: pkg.name ?? 'licences', version: pkg.version ?? 'unknown' };
}
