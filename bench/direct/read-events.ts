import Database from 'better-sqlite3';

/**
 * Reads every event of an SQLite event store in position order and parses its data and metadata,
 * as a projection must: the reading half of the direct comparisons. Answers how many it read.
 */
export function readAndParseEvents(file: string): number {
  const events = new Database(file, { readonly: true });
  try {
    let read = 0;
    const rows = events.prepare('SELECT data, metadata FROM events ORDER BY position').raw().iterate();
    for (const [data, metadata] of rows as Iterable<[string, string]>) {
      JSON.parse(data);
      JSON.parse(metadata);
      read += 1;
    }
    return read;
  } finally {
    events.close();
  }
}
