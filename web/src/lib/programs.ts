import type { ProgramCode } from '../api/administration';

/** The programs a user may name in a permission request, in the order the form offers them. */
export const PROGRAM_CODES = [
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
] as const satisfies readonly ProgramCode[];

// The server's list (through the generated API types) is the source: a program it adds and this
// list lacks fails the portal's type check here.
type Missing = Exclude<ProgramCode, (typeof PROGRAM_CODES)[number]>;
const complete: [Missing] extends [never] ? true : Missing = true;
void complete;
