import type { TFunction } from 'i18next';

/** A value from a fixed set (a program, a status, a license type) in the user's language; an unknown one as it is. */
export function codeLabel(t: TFunction, column: string, value: string): string {
  if (column === 'program') return t(`programs.${value}`, { defaultValue: value });
  return t(`reports.codes.${value}`, { defaultValue: value });
}
