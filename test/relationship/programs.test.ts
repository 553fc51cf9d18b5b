import { describe, expect, it } from 'vitest';
import { mayRequest } from '../../src/modules/permissions/rules.js';
import { isOpenProgram, OPEN_PROGRAMS, PROGRAM_CODES } from '../../src/modules/relationship/rules.js';
import { ProgramCodeSchema } from '../../src/modules/relationship/schemas.js';
import { programCodeEnum } from '../../src/modules/relationship/tables.js';

describe('the programs, declared once', () => {
  it('R-REL-2: exactly Open License, Open Value and Open Value Subscription are Open programs', () => {
    expect(PROGRAM_CODES.filter(isOpenProgram)).toEqual(['OPEN_LICENSE', 'OPEN_VALUE', 'OPEN_VALUE_SUBSCRIPTION']);
    expect(isOpenProgram('ENTERPRISE')).toBe(false);
    expect(isOpenProgram('not a program')).toBe(false);
  });

  it('the database enum and the API schema are the one list', () => {
    expect(programCodeEnum.enumValues).toEqual([...PROGRAM_CODES]);
    expect(ProgramCodeSchema.options).toEqual([...PROGRAM_CODES]);
    for (const open of OPEN_PROGRAMS) expect(PROGRAM_CODES).toContain(open);
  });

  it('R-PERM-6: the permission-request rule asks the same question', () => {
    for (const held of PROGRAM_CODES) {
      for (const target of PROGRAM_CODES) {
        expect(mayRequest([held], target)).toBe(!(isOpenProgram(held) && !isOpenProgram(target)));
      }
    }
  });
});
