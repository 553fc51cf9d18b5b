import type { Locale } from '../../platform/i18n/locale.js';
import type { KeyType } from './rules.js';

/** R-KEY-7: the columns of the key file, in this order, named exactly so. */
export const EXPORT_COLUMNS = [
  'Licensing ID',
  'Parent Program',
  'Organization',
  'Product',
  'Product Key',
  'Type',
  'MAK Activations-Used/Available',
] as const;

/** What a key file says in its header and its Type cells. */
export interface KeyFileLabels {
  columns: readonly string[];
  types: Record<KeyType, string>;
}

/**
 * R-KEY-7: the tab-delimited key file is read by scripts: its header and type words never change
 * with the reader's language.
 */
export const MACHINE_LABELS: KeyFileLabels = {
  columns: EXPORT_COLUMNS,
  types: { MAK: 'MAK', KMS_HOST: 'KMS', SETUP: 'Setup Key', OSA: 'Online Service Activation' },
};

/**
 * The workbook, the CSV and the print view are read by people: they say what the portal's key list
 * says (web/src/i18n downloads.print.columns and downloads.keyTypes), in the user's language.
 */
const PEOPLE_LABELS: Record<Locale, KeyFileLabels> = {
  en: {
    columns: EXPORT_COLUMNS,
    types: {
      MAK: 'Multiple Activation Key (MAK)',
      KMS_HOST: 'KMS host key',
      SETUP: 'Setup key',
      OSA: 'Online Service Activation key',
    },
  },
  sv: {
    columns: [
      'Licens-ID',
      'Överordnat program',
      'Organisation',
      'Produkt',
      'Produktnyckel',
      'Typ',
      'MAK-aktiveringar – använda/tillgängliga',
    ],
    types: {
      MAK: 'Nyckel för flera aktiveringar (MAK)',
      KMS_HOST: 'KMS-värdnyckel',
      SETUP: 'Installationsnyckel',
      OSA: 'Aktiveringsnyckel för onlinetjänst',
    },
  },
};

export const peopleLabels = (locale: Locale): KeyFileLabels => PEOPLE_LABELS[locale];
