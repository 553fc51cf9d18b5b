/**
 * The download rules, pure: which catalog a user sees (R-DL-2), what a product offers for the
 * chosen settings (R-DL-3, R-DL-4), which file names may be stored, the months of the downloads
 * chart. No I/O; the time is passed in.
 */

/** R-DL-3: EXE and ISO, and the archive and installer formats publishers also ship. */
export const DOWNLOAD_FORMATS = ['EXE', 'ISO', 'ZIP', 'MSI'] as const;
export type DownloadFormat = (typeof DOWNLOAD_FORMATS)[number];

export type CatalogScope = 'NONE' | 'FULL' | 'PURCHASED';

/**
 * R-DL-2: over the Licensing IDs where the user may download, Open License / Open Value / Open
 * Value Subscription give only what was purchased on them; any other program (Enterprise, Select
 * Plus, Campus, School…) the whole catalog; holding both gives the whole catalog.
 */
export function catalogScope(licensingIds: { fullCatalogDownloads: boolean }[]): CatalogScope {
  if (licensingIds.length === 0) return 'NONE';
  return licensingIds.some((l) => l.fullCatalogDownloads) ? 'FULL' : 'PURCHASED';
}

/** R-DL-4: a Client Access License has no download (and no key), whatever files exist. */
export const hasDownload = (p: { isCal: boolean }, liveFiles: number) => !p.isCal && liveFiles > 0;

export interface FileFacet {
  language: string;
  os: string;
  format: string;
}

/** R-DL-3: what the settings drop-downs offer: the languages, systems and formats with a file, and the pairs that exist. */
export function downloadOptions(files: FileFacet[]) {
  const uniq = (xs: string[]) => [...new Set(xs)].sort();
  const pairs = new Map(files.map((f) => [`${f.language}\u0000${f.os}`, { language: f.language, os: f.os }]));
  return {
    languages: uniq(files.map((f) => f.language)),
    os: uniq(files.map((f) => f.os)),
    formats: uniq(files.map((f) => f.format)),
    combinations: [...pairs.values()].sort((a, b) => a.language.localeCompare(b.language) || a.os.localeCompare(b.os)),
  };
}

/**
 * R-DL-3: the files for a language and operating system type. "Not every product in every
 * language/format": nothing matching means "This product is not available for download."
 */
export function filesFor<F extends { language: string; os: string }>(files: F[], language: string, os: string): F[] {
  return files.filter((f) => f.language === language && f.os === os);
}

/** Windows' reserved device names: a file called "CON.iso" can not be saved there. */
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;
/** Letters and digits of any script, and a few punctuation marks file names commonly carry. */
const ALLOWED = /^[\p{L}\p{N}][\p{L}\p{N} ._()+,[\]~-]*$/u;
export const FILE_NAME_MAX = 200;

/**
 * A file name as it is stored and sent in Content-Disposition: no separators, no `..`, no NUL or
 * other control characters, no leading dot, no trailing dot or space, not a reserved device name.
 * Refusing these keeps a name from meaning anything to a filesystem, here or on the user's disk.
 */
export function fileNameAcceptable(name: string): boolean {
  if (name.length === 0 || name.length > FILE_NAME_MAX) return false;
  if (name.normalize('NFC') !== name) return false;
  if (!ALLOWED.test(name) || name.includes('..')) return false;
  if (name.endsWith('.') || name.endsWith(' ')) return false;
  return !RESERVED.test(name);
}

/** The words of a search ("office 2024" → every product whose name or code contains both). */
export function searchWords(q: string): string[] {
  return q
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .slice(0, 8);
}

/** LIKE pattern text with its wildcards escaped. */
export const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** R-DL-6: names suggested while typing. */
export const SUGGESTIONS_MAX = 10;

/** R-DL-3: the operating system type a user starts with, until they choose one. */
export const DEFAULT_OS = 'WINDOWS';

/** Downloads per month: the last twelve months, this one included. */
export const MONTHS_SHOWN = 12;

/** The last `months` UTC calendar months up to and including the one of `now`, oldest first, as 'YYYY-MM'. */
export function lastMonths(now: Date, months: number): string[] {
  return Array.from({ length: months }, (_, i) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (months - 1 - i), 1));
    return d.toISOString().slice(0, 7);
  });
}
