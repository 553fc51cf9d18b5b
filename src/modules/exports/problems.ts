import { defineProblems } from '../../platform/i18n/problems.js';

/** Background exports (issue 15). */
export const EXPORT_PROBLEMS = defineProblems({
  EXPORT_NOT_FOUND: {
    en: 'There is no export with this id among yours.',
    sv: 'Det finns ingen export med det här id:t bland dina.',
  },
  EXPORT_KIND_UNKNOWN: {
    en: 'There is no export of this kind.',
    sv: 'Det finns ingen export av det här slaget.',
  },
  EXPORT_FORMAT_UNSUPPORTED: {
    en: 'This export cannot be written in this format.',
    sv: 'Den här exporten kan inte skrivas i det här formatet.',
  },
  EXPORT_PARAMS_INVALID: {
    en: 'The parameters do not fit this kind of export.',
    sv: 'Parametrarna passar inte den här sortens export.',
  },
  EXPORT_NOT_READY: {
    en: 'The export’s file is not ready yet (or the export failed).',
    sv: 'Exportens fil är inte klar än (eller så misslyckades exporten).',
  },
  EXPORT_EXPIRED: {
    en: 'The export’s file has expired and was deleted; start the export again.',
    sv: 'Exportens fil har gått ut och tagits bort; starta exporten igen.',
  },
  EXPORT_FAILED: {
    en: 'The export failed; start it again, or contact support if it fails again.',
    sv: 'Exporten misslyckades; starta den igen, eller kontakta supporten om den misslyckas igen.',
  },
  EXPORT_OWNER_INACTIVE: {
    en: 'The account that requested the export is no longer active.',
    sv: 'Kontot som begärde exporten är inte längre aktivt.',
  },
});
