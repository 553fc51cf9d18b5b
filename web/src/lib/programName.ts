import type { TFunction } from 'i18next';

/** Translated program name for a program code, falling back to the server's name. */
export function programName(t: TFunction, code: string | null, name: string | null): string {
  if (!code) return name ?? '';
  return t(`programs.${code}`, { defaultValue: name ?? code });
}
