import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/seed.js';
import {
  KEY_REQUEST_KINDS,
  type KeyRequestInput,
  KeyRequestSchema,
  keyRequestRefusal,
  mayRequestKeys,
} from '../../src/modules/permissions/key-requests/rules.js';
import { checkKeyRequest } from '../../src/modules/permissions/key-requests/service.js';
import type { Actor } from '../../src/platform/auth/actor.js';
import { ROLES } from '../../src/platform/authz/roles.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

const LID = '11111111-1111-4111-8111-111111111111';
const form = {
  kind: 'MORE_MAK_ACTIVATIONS',
  licensingId: LID,
  agreementNumber: '67012345',
  product: { name: 'Windows Server', version: '2025', edition: 'Datacenter' },
  keyLastFive: 'x7k2q',
  activationsWanted: 100,
  justification: 'New branch office with 80 servers.',
};
const parse = (v: object) => KeyRequestSchema.safeParse(v);
const enterprise = { programCode: 'ENTERPRISE', number: '67012345', authorizationNumber: null, parentAgreementNumber: '01E73628-EA' };
const open = { programCode: 'OPEN_LICENSE', number: 'V1234567', authorizationNumber: 'AUTH-7788', parentAgreementNumber: null };

describe('key web-form requests (R-PERM-13)', () => {
  it('R-PERM-13: a complete form parses for each of the three kinds; the key suffix is normalised', () => {
    for (const kind of KEY_REQUEST_KINDS) {
      const r = parse({ ...form, kind });
      expect(r.success, kind).toBe(true);
      expect(r.data?.keyLastFive).toBe('X7K2Q');
    }
    expect(KEY_REQUEST_KINDS).toEqual(['MORE_MAK_ACTIVATIONS', 'KMS_EXCEPTION_OPEN', 'MORE_KMS_HOSTS']);
    const byLicense = parse({ ...form, agreementNumber: undefined, licenseNumber: 'V1234567', authorizationNumber: 'AUTH-7788' });
    expect(byLicense.success).toBe(true);
  });

  it('R-PERM-13: each of the five required fields is required', () => {
    const without = (k: string) => Object.fromEntries(Object.entries(form).filter(([key]) => key !== k));
    for (const field of ['agreementNumber', 'product', 'keyLastFive', 'activationsWanted', 'justification']) {
      expect(parse(without(field)).success, field).toBe(false);
    }
    for (const part of ['name', 'version', 'edition']) {
      const product = Object.fromEntries(Object.entries(form.product).filter(([k]) => k !== part));
      expect(parse({ ...form, product }).success, part).toBe(false);
      expect(parse({ ...form, product: { ...form.product, [part]: '  ' } }).success, part).toBe(false);
    }
    expect(parse({ ...form, justification: '   ' }).success).toBe(false);
  });

  it('R-PERM-13: the identification is the agreement/enrollment number OR license + authorization number, not both or half', () => {
    expect(parse({ ...form, licenseNumber: 'V1234567', authorizationNumber: 'AUTH-7788' }).success).toBe(false);
    expect(parse({ ...form, agreementNumber: undefined, licenseNumber: 'V1234567' }).success).toBe(false);
    expect(parse({ ...form, agreementNumber: undefined, authorizationNumber: 'AUTH-7788' }).success).toBe(false);
  });

  it('R-PERM-13: the last 5 characters of the key, a positive whole number of activations, bounded texts', () => {
    for (const keyLastFive of ['ABCD', 'ABCDEF', 'AB-CD', '']) expect(parse({ ...form, keyLastFive }).success, keyLastFive).toBe(false);
    for (const activationsWanted of [0, -5, 2.5, '100', 1_000_001]) expect(parse({ ...form, activationsWanted }).success).toBe(false);
    expect(parse({ ...form, justification: 'x'.repeat(4001) }).success).toBe(false);
    expect(parse({ ...form, product: { ...form.product, name: 'x'.repeat(201) } }).success).toBe(false);
    expect(parse({ ...form, kind: 'MORE_DOWNLOADS' }).success).toBe(false);
    expect(parse({ ...form, licensingId: 'not-a-uuid' }).success).toBe(false);
  });

  it('R-PERM-13: the numbers must name the Licensing ID (its own number or its parent agreement’s); a KMS exception only for Open programs', () => {
    const input = (v: object) => KeyRequestSchema.parse({ ...form, ...v }) as KeyRequestInput;
    expect(keyRequestRefusal(input({}), enterprise)).toBeNull();
    expect(keyRequestRefusal(input({ agreementNumber: ' 01e73628-ea ' }), enterprise)).toBeNull();
    expect(keyRequestRefusal(input({ agreementNumber: '67099999' }), enterprise)).toBe('KEY_REQUEST_NUMBER_MISMATCH');
    const byPair = { agreementNumber: undefined, licenseNumber: 'v1234567', authorizationNumber: 'auth-7788' };
    expect(keyRequestRefusal(input(byPair), open)).toBeNull();
    expect(keyRequestRefusal(input({ ...byPair, authorizationNumber: 'AUTH-0000' }), open)).toBe('KEY_REQUEST_NUMBER_MISMATCH');
    expect(keyRequestRefusal(input({ ...byPair, kind: 'KMS_EXCEPTION_OPEN' }), open)).toBeNull();
    expect(keyRequestRefusal(input({ kind: 'KMS_EXCEPTION_OPEN' }), enterprise)).toBe('KMS_EXCEPTION_OPEN_ONLY');
    expect(keyRequestRefusal(input({ kind: 'MORE_KMS_HOSTS' }), enterprise)).toBeNull();
  });

  it('R-PERM-13: only the Administrator and Product Keys roles may request (the keys.request action)', () => {
    const allowed = ROLES.filter((r) => mayRequestKeys([r]));
    expect(allowed.sort()).toEqual(['ADMINISTRATOR', 'PRODUCT_KEYS']);
    expect(mayRequestKeys([])).toBe(false);
    expect(mayRequestKeys(['DOWNLOAD', 'LICENSING_INFO_VIEWER', 'SA_MANAGER', 'ONLINE_SERVICES_MANAGER', 'SUBSCRIPTIONS_MANAGER'])).toBe(
      false,
    );
  });

  describe('checkKeyRequest, for the keys capability', () => {
    let database: TestDatabase;
    let enrollment: string;
    let openId: string;
    const q = async (text: ReturnType<typeof sql>) => (await database.db.execute<Record<string, string>>(text)).rows;
    const actorFor = async (email: string): Promise<Actor> => {
      const [u] = await q(sql`select id, organization_id from "user" where email = ${email}`);
      return {
        userId: u?.id ?? '',
        organizationId: u?.organization_id ?? '',
        email,
        locale: 'en',
        isOperator: false,
        via: 'session',
        requestId: 'test',
      };
    };
    const request = (v: object) => KeyRequestSchema.parse({ ...form, licensingId: enrollment, ...v });

    beforeAll(async () => {
      database = await createTestDatabase();
      await seedDemo(database.db);
      enrollment = (await q(sql`select id from licensing_id where number = '67012345'`))[0]?.id ?? '';
      openId = (await q(sql`select id from licensing_id where number = 'V1234567'`))[0]?.id ?? '';
    });
    afterAll(() => database.drop());

    it('R-PERM-13: Product Keys and Administrator pass; other roles 403; another organization 404; wrong numbers refused', async () => {
      await expect(checkKeyRequest(database.db, await actorFor('keys@contoso.example'), request({}))).resolves.toMatchObject({
        number: '67012345',
      });
      await expect(checkKeyRequest(database.db, await actorFor('admin@contoso.example'), request({}))).resolves.toBeTruthy();
      await expect(checkKeyRequest(database.db, await actorFor('viewer@contoso.example'), request({}))).rejects.toMatchObject({
        status: 403,
      });
      await expect(checkKeyRequest(database.db, await actorFor('admin@fabrikam.example'), request({}))).rejects.toMatchObject({
        status: 404,
      });
      await expect(
        checkKeyRequest(database.db, await actorFor('keys@contoso.example'), request({ agreementNumber: 'V1234567' })),
      ).rejects.toMatchObject({
        code: 'KEY_REQUEST_NUMBER_MISMATCH',
        status: 400,
      });
      await expect(
        checkKeyRequest(database.db, await actorFor('admin@contoso.example'), request({ kind: 'KMS_EXCEPTION_OPEN' })),
      ).rejects.toMatchObject({
        code: 'KMS_EXCEPTION_OPEN_ONLY',
      });
      const open = request({
        licensingId: openId,
        kind: 'KMS_EXCEPTION_OPEN',
        agreementNumber: undefined,
        licenseNumber: 'V1234567',
        authorizationNumber: 'AUTH-7788',
      });
      await expect(checkKeyRequest(database.db, await actorFor('admin@contoso.example'), open)).resolves.toMatchObject({
        programCode: 'OPEN_LICENSE',
      });
    });
  });
});
