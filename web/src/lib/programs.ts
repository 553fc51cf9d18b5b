import type { ProgramCode } from '../api/administration';
import { everyOf } from './every';

/** The programs a user may name in a permission request, in the order the form offers them. */
export const PROGRAM_CODES = everyOf<ProgramCode>()([
  'ENTERPRISE',
  'ENTERPRISE_SUBSCRIPTION',
  'ENTERPRISE_GOV_PARTNERS',
  'SELECT',
  'SELECT_PLUS',
  'CAMPUS',
  'SCHOOL',
  'OPEN_LICENSE',
  'OPEN_VALUE',
  'OPEN_VALUE_SUBSCRIPTION',
]);
