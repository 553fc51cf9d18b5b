/** What a bundle download reports while it runs; the progress display and tests listen to the same stream. */
export type DownloadEvent =
  | { type: 'bundle'; product: { id: string; code: string; name: string }; dir: string; files: { name: string; size: number }[] }
  | { type: 'start'; file: string; size: number; offset: number }
  | { type: 'progress'; file: string; bytes: number; size: number }
  | { type: 'restart'; file: string; reason: string }
  | { type: 'retry'; file: string; failure: number; attempts: number; delayMs: number; reason: string }
  | { type: 'links-renewed'; file: string }
  | { type: 'verifying'; file: string }
  | { type: 'done'; file: string; sha256: string; alreadyThere: boolean }
  | { type: 'failed'; file: string; message: string }
  | { type: 'paused'; file: string; bytes: number; size: number };

export type DownloadListener = (event: DownloadEvent) => void;
