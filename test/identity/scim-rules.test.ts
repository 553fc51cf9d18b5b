import { describe, expect, it } from 'vitest';
import { applyPatch, parseUserFilter, type ScimUserState, scimPage } from '../../src/modules/identity/scim/rules.js';

const state: ScimUserState = { userName: 'anna@contoso.example', externalId: 'e-1', active: true, givenName: 'Anna', familyName: 'Lind' };

describe('SCIM rules', () => {
  it('understands the lookups directories make, and nothing else', () => {
    expect(parseUserFilter('userName eq "anna@contoso.example"')).toEqual({
      ok: true,
      value: { attribute: 'userName', value: 'anna@contoso.example' },
    });
    expect(parseUserFilter(' USERNAME  EQ "a\\"b" ')).toEqual({ ok: true, value: { attribute: 'userName', value: 'a"b' } });
    expect(parseUserFilter('externalId eq "00aa"')).toEqual({ ok: true, value: { attribute: 'externalId', value: '00aa' } });
    for (const bad of ['userName co "a"', 'userName eq a', 'displayName eq "a"', 'userName eq "a" or userName eq "b"', '']) {
      expect(parseUserFilter(bad), bad).toMatchObject({ ok: false, scimType: 'invalidFilter' });
    }
  });

  it('pages from a 1-based startIndex and caps count', () => {
    expect(scimPage({}, 100)).toEqual({ startIndex: 1, offset: 0, limit: 100 });
    expect(scimPage({ startIndex: 0, count: -5 }, 100)).toEqual({ startIndex: 1, offset: 0, limit: 0 });
    expect(scimPage({ startIndex: 11, count: 10 }, 100)).toEqual({ startIndex: 11, offset: 10, limit: 10 });
    expect(scimPage({ count: 5000 }, 100).limit).toBe(100);
  });

  it('R-ID-6: deactivates with a path, with a value object, or with Azure AD’s "False" string', () => {
    for (const ops of [
      [{ op: 'replace', path: 'active', value: false }],
      [{ op: 'Replace', path: 'active', value: 'False' }],
      [{ op: 'replace', value: { active: false } }],
    ]) {
      expect(applyPatch(state, ops)).toEqual({ ok: true, value: { ...state, active: false } });
    }
    expect(applyPatch({ ...state, active: false }, [{ op: 'replace', path: 'active', value: 'True' }])).toMatchObject({
      value: { active: true },
    });
  });

  it('changes names and externalId; ignores attributes it does not keep', () => {
    const r = applyPatch(state, [
      { op: 'replace', path: 'name.givenName', value: 'Anne' },
      { op: 'add', value: { 'name.familyName': 'Lindqvist', title: 'CFO', externalId: 'e-2' } },
      { op: 'replace', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', value: 'Finance' },
      { op: 'remove', path: 'phoneNumbers[type eq "work"]' },
    ]);
    expect(r).toEqual({ ok: true, value: { ...state, givenName: 'Anne', familyName: 'Lindqvist', externalId: 'e-2' } });
    expect(applyPatch(state, [{ op: 'remove', path: 'externalId' }])).toMatchObject({ value: { externalId: null } });
  });

  it('refuses what would be wrong rather than guess', () => {
    expect(applyPatch(state, [{ op: 'replace', path: 'active', value: 'maybe' }])).toMatchObject({ ok: false, scimType: 'invalidValue' });
    expect(applyPatch(state, [{ op: 'remove', path: 'active' }])).toMatchObject({ ok: false, scimType: 'mutability' });
    expect(applyPatch(state, [{ op: 'replace', path: 'userName', value: 'other@contoso.example' }])).toMatchObject({
      ok: false,
      scimType: 'mutability',
    });
    expect(applyPatch(state, [{ op: 'replace', path: 'userName', value: 'ANNA@contoso.example' }])).toEqual({ ok: true, value: state });
    expect(applyPatch(state, [{ op: 'move', path: 'active', value: true }])).toMatchObject({ ok: false, scimType: 'invalidSyntax' });
    expect(applyPatch(state, [{ op: 'remove' }])).toMatchObject({ ok: false, scimType: 'noTarget' });
    expect(applyPatch(state, [{ op: 'replace', value: 'x' }])).toMatchObject({ ok: false, scimType: 'invalidValue' });
  });
});
