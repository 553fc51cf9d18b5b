/** What a download run is given and how a paused one resumes: shared by the command's declaration and its run. */

/** The exit code of a run paused with Ctrl-C: 128 + SIGINT, as a shell reports an interrupted command. */
export const EXIT_PAUSED = 130;

/** A word as a POSIX shell reads it back: quoted only when it has to be. */
export const shellWord = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`);

/** The command that resumes a paused run: the same one, without the token (it stays in the environment or is typed again). */
export function resumeCommand(product: string, given: Record<string, string | number | undefined>): string {
  const words = ['lsc', 'download', product];
  for (const [flag, value] of Object.entries(given)) if (value !== undefined) words.push(`--${flag}`, String(value));
  return words.map(shellWord).join(' ');
}

export interface DownloadOptions {
  language: string;
  os: string;
  server?: string;
  token?: string;
  dir: string;
  parallel: number;
  retries: number;
}
