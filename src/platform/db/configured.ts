import type { Config } from '../../config.js';
import { type EmbeddedServer, startEmbeddedPostgres } from './embedded.js';

export interface ConfiguredDatabase {
  url: string;
  embedded?: EmbeddedServer;
}

export interface OpeningDatabase {
  /**
   * The app's connection string, once the database's process runs but before it takes
   * connections (or the failure to start it).
   */
  url: Promise<string>;
  /** The database, up and taking connections. */
  opened: Promise<ConfiguredDatabase>;
}

/**
 * The database: the server at DATABASE_URL, or the data folder's embedded one (its cluster in
 * DATA_DIR/pg). A file of its own, light to load, so that `lsc start` can have the embedded
 * PostgreSQL starting while it loads the server's modules.
 */
export async function openConfiguredDatabase(config: Config): Promise<ConfiguredDatabase> {
  return beginOpeningDatabase(config).opened;
}

/** Starts opening the database and answers at once; see OpeningDatabase. */
export function beginOpeningDatabase(config: Config): OpeningDatabase {
  if (config.DATABASE_URL) {
    const url = config.DATABASE_URL;
    return { url: Promise.resolve(url), opened: Promise.resolve({ url }) };
  }
  let announce: (url: string) => void = () => {};
  const announced = new Promise<string>((resolve) => {
    announce = resolve;
  });
  const opened = startEmbeddedPostgres(config.DATA_DIR, config.EMBEDDED_PG_PORT, undefined, announce).then(
    (embedded): ConfiguredDatabase => ({ url: embedded.url, embedded }),
  );
  // A start that fails before it knows the address answers with its failure here too.
  return { url: Promise.race([announced, opened.then((d) => d.url)]), opened };
}
