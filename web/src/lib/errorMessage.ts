import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';

/** The translated message for an API error code, falling back to the server's English title. */
export function errorMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    return t(`errors.${error.code}`, { defaultValue: error.problem.title || t('errors.INTERNAL') });
  }
  return t('errors.INTERNAL');
}
