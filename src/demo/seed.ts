import { inArray, sql } from 'drizzle-orm';
import { seedDemoDownloads } from '../modules/downloads/demo.js';
import { organization, user } from '../modules/identity/tables.js';
import { seedDemoKeys } from '../modules/keys/demo.js';
import { channelPartner, partnerOfRecord } from '../modules/partners/tables.js';
import { syncInheritance } from '../modules/permissions/inheritance/sync.js';
import { roleGrant } from '../modules/permissions/tables.js';
import { canonicalContent, contentHash } from '../modules/relationship/onboarding/rules.js';
import { agreement, agreementRecord, contact, licensingId } from '../modules/relationship/tables.js';
import { audit } from '../platform/audit.js';
import { hashPassword } from '../platform/auth/password.js';
import type { Role } from '../platform/authz/roles.js';
import type { Db } from '../platform/db/client.js';
import type { Locale } from '../platform/i18n/locale.js';
import type { Secrets } from '../platform/secrets.js';
import { seedDemoBenefitRules } from './benefits.js';
import { seedDemoPurchasingAccounts } from './business-center.js';
import { seedCatalogAndOrders } from './orders.js';
import { seedDemoReservationOffers } from './reservations.js';
import { seedDemoSelfProvisioning } from './self-provisioning.js';

export const DEMO_PASSWORD = 'demo-password-1';

export const DEMO_ACCOUNTS = [
  { email: 'admin@contoso.example', note: 'Administrator of every Contoso Licensing ID' },
  { email: 'viewer@contoso.example', note: 'Licensing Info Viewer on the Enterprise enrollment (Swedish)' },
  { email: 'keys@contoso.example', note: 'Product Keys and Download on the enrollment and the Select Plus PCN' },
  { email: 'subscriptions@contoso.example', note: 'Subscriptions Manager on the Enterprise enrollment' },
  { email: 'admin@fabrikam.example', note: 'Administrator of another organization' },
  { email: 'operator@northwind.example', note: 'Publisher operator (mail viewer, back office)' },
  { email: 'partner@adatum-partners.example', note: 'Channel partner of Contoso’s enrollment and Select Plus PCN' },
] as const;

type UserSeed = { email: string; firstName: string; lastName: string; locale?: Locale; isOperator?: boolean };

/**
 * The demo organization has one Licensing ID of each kind (R-REL-1): an Enterprise enrollment and
 * a Select Plus PCN under an MBSA, an Open License (with authorization number) and an Open Value
 * agreement without one, plus an expired enrollment. A second organization must never show.
 * Runs only on an empty database.
 */
export async function seedDemo(db: Db, secrets?: Pick<Secrets, 'keyEncryptionKey'>): Promise<boolean> {
  const existing = await db.execute(sql`select 1 from organization limit 1`);
  if (existing.rowCount) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  await db.transaction(async (tx) => {
    const org = async (
      name: string,
      country: string,
      domain: string,
      kind: 'publisher' | 'partner' | 'customer' = 'customer',
      city: string | null = null,
    ) => {
      const [o] = await tx
        .insert(organization)
        .values({ name, country, city, domains: [domain], isPublisher: kind === 'publisher', isChannelPartner: kind === 'partner' })
        .returning();
      if (!o) throw new Error('seed: organization');
      return o;
    };
    const users = async (organizationId: string, seeds: UserSeed[]) => {
      const rows = await tx
        .insert(user)
        .values(seeds.map((s) => ({ ...s, organizationId, passwordHash, status: 'active' as const })))
        .returning();
      return (local: string) => {
        const found = rows.find((r) => r.email.startsWith(`${local}@`));
        if (!found) throw new Error(`seed: user ${local}`);
        return found;
      };
    };
    const agr = async (v: typeof agreement.$inferInsert) => {
      const [a] = await tx.insert(agreement).values(v).returning();
      if (!a) throw new Error('seed: agreement');
      return a;
    };
    const lid = async (v: typeof licensingId.$inferInsert) => {
      const [l] = await tx.insert(licensingId).values(v).returning();
      if (!l) throw new Error('seed: licensing id');
      return l;
    };
    const grant = async (userId: string, ids: string[], roles: Role[], source: 'CONTACT' | 'ADMIN' = 'ADMIN') => {
      await tx.insert(roleGrant).values(ids.flatMap((l) => roles.map((role) => ({ userId, licensingId: l, role, source }))));
    };

    /** R-REL-6: a channel partner with a user of its own, partner of record of the Licensing IDs named. */
    const partner = async (name: string, domain: string, number: string, person: UserSeed, serves: string[]) => {
      const o = await org(name, 'US', domain, 'partner');
      await users(o.id, [person]);
      const now = new Date();
      await tx.insert(channelPartner).values({ organizationId: o.id, number, notificationEmail: `orders@${domain}`, createdAt: now });
      await tx.insert(partnerOfRecord).values(serves.map((l) => ({ licensingId: l, partnerOrganizationId: o.id, since: now })));
      await tx
        .insert(contact)
        .values(serves.map((l) => ({ licensingId: l, type: 'CHANNEL_PARTNER' as const, name, email: `orders@${domain}` })));
      return o;
    };

    const publisher = await org('Northwind Software', 'US', 'northwind.example', 'publisher');
    await users(publisher.id, [{ email: 'operator@northwind.example', firstName: 'Olivia', lastName: 'Operator', isOperator: true }]);

    const contoso = await org('Contoso Ltd', 'SE', 'contoso.example', 'customer', 'Stockholm');
    const cu = await users(contoso.id, [
      { email: 'admin@contoso.example', firstName: 'Anna', lastName: 'Lind' },
      { email: 'viewer@contoso.example', firstName: 'Erik', lastName: 'Berg', locale: 'sv' },
      { email: 'keys@contoso.example', firstName: 'Sara', lastName: 'Holm' },
      { email: 'subscriptions@contoso.example', firstName: 'Maja', lastName: 'Ek' },
    ]);
    const mbsa = await agr({ organizationId: contoso.id, kind: 'MBSA', number: '01E73628', startDate: '2019-07-01' });
    const ea = await agr({
      organizationId: contoso.id,
      kind: 'PARENT',
      number: '01E73628-EA',
      programCode: 'ENTERPRISE',
      mbsaId: mbsa.id,
      startDate: '2019-07-01',
      // R-RES-4: signed after 2011 anyway; the amendment is recorded as the publisher would.
      updatedEaAmendment: true,
    });
    const sp = await agr({
      organizationId: contoso.id,
      kind: 'PARENT',
      number: '4455-SP',
      programCode: 'SELECT_PLUS',
      mbsaId: mbsa.id,
      startDate: '2021-01-01',
    });
    const base = { organizationId: contoso.id };
    const enrollment = await lid({
      ...base,
      programCode: 'ENTERPRISE',
      parentAgreementId: ea.id,
      kind: 'ENROLLMENT',
      number: '67012345',
      name: 'Contoso Enterprise Enrollment',
      startDate: '2024-07-01',
      endDate: '2027-06-30',
      priceLevel: 'A',
    });
    const oldEnrollment = await lid({
      ...base,
      programCode: 'ENTERPRISE',
      parentAgreementId: ea.id,
      kind: 'ENROLLMENT',
      number: '54011111',
      name: 'Contoso Enterprise Enrollment (previous term)',
      status: 'EXPIRED',
      startDate: '2021-07-01',
      endDate: '2024-06-30',
      priceLevel: 'A',
    });
    const pcn = await lid({
      ...base,
      programCode: 'SELECT_PLUS',
      parentAgreementId: sp.id,
      kind: 'PCN',
      number: '8765-4321',
      name: 'Contoso Sweden (lead affiliate)',
      startDate: '2021-01-01',
      affiliateRole: 'LEAD',
      priceLevel: 'B',
    });
    const open = await lid({
      ...base,
      programCode: 'OPEN_LICENSE',
      kind: 'LICENSE',
      number: 'V1234567',
      authorizationNumber: 'AUTH-7788',
      name: 'Contoso Open License',
      startDate: '2025-03-01',
      endDate: '2027-02-28',
    });
    const openValue = await lid({
      ...base,
      programCode: 'OPEN_VALUE',
      kind: 'AGREEMENT',
      number: 'V9876543',
      name: 'Contoso Open Value',
      startDate: '2024-01-01',
      endDate: '2026-12-31',
    });
    const all = [enrollment, oldEnrollment, pcn, open, openValue].map((l) => l.id);
    await grant(cu('admin').id, all, ['ADMINISTRATOR'], 'CONTACT');
    await grant(cu('viewer').id, [enrollment.id], ['LICENSING_INFO_VIEWER']);
    await grant(cu('keys').id, [enrollment.id, pcn.id], ['PRODUCT_KEYS', 'DOWNLOAD']);
    await grant(cu('subscriptions').id, [enrollment.id], ['SUBSCRIPTIONS_MANAGER']);
    await tx.insert(contact).values([
      ...all.flatMap((l) => [
        {
          licensingId: l,
          type: 'NOTICES_CORRESPONDENT' as const,
          name: 'Anna Lind',
          email: 'admin@contoso.example',
          userId: cu('admin').id,
        },
        { licensingId: l, type: 'PRIMARY_CONTACT' as const, name: 'Anna Lind', email: 'admin@contoso.example', userId: cu('admin').id },
      ]),
      {
        licensingId: enrollment.id,
        type: 'ONLINE_SERVICES_MANAGER',
        name: 'Erik Berg',
        email: 'viewer@contoso.example',
        userId: cu('viewer').id,
      },
      // R-PERM-5: the MBSA's Notices Correspondent administers every child Licensing ID by inheritance.
      { agreementId: mbsa.id, type: 'NOTICES_CORRESPONDENT', name: 'Anna Lind', email: 'admin@contoso.example', userId: cu('admin').id },
    ]);
    await syncInheritance(tx, mbsa.id);
    // The Enterprise and Select Plus agreements as the publisher onboarded them: their contacts of
    // record are what the channel partner sees and changes (R-REL-6).
    const contosoContacts: { type: string; name: string; email: string; locale: Locale }[] = [
      { type: 'PRIMARY_CONTACT', name: 'Anna Lind', email: 'admin@contoso.example', locale: 'en' },
      { type: 'NOTICES_CORRESPONDENT', name: 'Anna Lind', email: 'admin@contoso.example', locale: 'en' },
    ];
    const onboarded = async (parent: typeof ea, lids: (typeof enrollment)[], contacts: typeof contosoContacts) => {
      const content = canonicalContent({
        organization: { name: contoso.name, country: contoso.country, domains: contoso.domains },
        number: parent.number,
        program: parent.programCode ?? '',
        priceLevel: lids[0]?.priceLevel ?? null,
        startDate: parent.startDate,
        endDate: parent.endDate,
        mbsaNumber: mbsa.number,
        licensingIds: lids.map((l) => ({ ...l, affiliateRole: l.affiliateRole ?? null })),
        contacts,
      });
      const now = new Date();
      const [rec] = await tx
        .insert(agreementRecord)
        .values({
          number: parent.number,
          organizationId: contoso.id,
          programCode: parent.programCode ?? 'ENTERPRISE',
          agreementId: parent.id,
          content,
          contentHash: contentHash(content),
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      if (!rec) throw new Error('seed: agreement record');
      await tx
        .update(licensingId)
        .set({ recordId: rec.id })
        .where(
          inArray(
            licensingId.id,
            lids.map((l) => l.id),
          ),
        );
    };
    await onboarded(
      ea,
      [enrollment, oldEnrollment],
      [...contosoContacts, { type: 'ONLINE_SERVICES_MANAGER', name: 'Erik Berg', email: 'viewer@contoso.example', locale: 'sv' }],
    );
    await onboarded(sp, [pcn], contosoContacts);
    const adatum = await partner(
      'Adatum Licensing Partners',
      'adatum-partners.example',
      'P-100200',
      { email: 'partner@adatum-partners.example', firstName: 'Paula', lastName: 'Park' },
      [enrollment.id, oldEnrollment.id, pcn.id],
    );

    await seedCatalogAndOrders(tx, { enrollment, oldEnrollment, pcn, open, openValue });
    await seedDemoBenefitRules(tx);
    await seedDemoReservationOffers(tx);
    await seedDemoDownloads(tx);
    // Product keys by program rules (R-KEY-1); they are sealed with the instance's key, so only where it is known.
    if (secrets) {
      const contosoIds = [enrollment, oldEnrollment, pcn, open, openValue].map((l) => l.id);
      await seedDemoKeys(tx, secrets.keyEncryptionKey, contosoIds, new Date());
    }

    const fabrikam = await org('Fabrikam Inc', 'US', 'fabrikam.example', 'customer', 'Seattle');
    const fu = await users(fabrikam.id, [{ email: 'admin@fabrikam.example', firstName: 'Frank', lastName: 'Miller' }]);
    const fMbsa = await agr({ organizationId: fabrikam.id, kind: 'MBSA', number: '02F11111', startDate: '2020-01-01' });
    const fEa = await agr({
      organizationId: fabrikam.id,
      kind: 'PARENT',
      number: '02F11111-EA',
      programCode: 'ENTERPRISE',
      mbsaId: fMbsa.id,
      startDate: '2020-01-01',
    });
    const fEnrollment = await lid({
      organizationId: fabrikam.id,
      programCode: 'ENTERPRISE',
      parentAgreementId: fEa.id,
      kind: 'ENROLLMENT',
      number: '67099999',
      name: 'Fabrikam Enterprise Enrollment',
      startDate: '2025-01-01',
      endDate: '2027-12-31',
    });
    await grant(fu('admin').id, [fEnrollment.id], ['ADMINISTRATOR'], 'CONTACT');
    const proseware = await partner(
      'Proseware Partners',
      'proseware.example',
      'P-300400',
      { email: 'partner@proseware.example', firstName: 'Lars', lastName: 'Lee' },
      [fEnrollment.id],
    );
    await seedDemoPurchasingAccounts(tx, [
      {
        organizationId: contoso.id,
        number: '71000101',
        name: 'Contoso Ltd — Headquarters',
        addressLine1: 'Sveavägen 44',
        postalCode: '111 34',
        city: 'Stockholm',
        country: 'SE',
        contactName: 'Anna Lind',
        contactEmail: 'admin@contoso.example',
        partnerOrganizationId: adatum.id,
        licensingIds: [enrollment.id, oldEnrollment.id, openValue.id],
        roles: [
          [cu('admin').id, ['ACCOUNT_ADMINISTRATOR']],
          [cu('viewer').id, ['ACCOUNT_VIEWER']],
          [cu('keys').id, ['REPORT_VIEWER']],
        ],
      },
      {
        organizationId: contoso.id,
        number: '71000102',
        name: 'Contoso Nordics',
        addressLine1: 'Kungsgatan 12',
        postalCode: '411 19',
        city: 'Göteborg',
        country: 'SE',
        contactName: 'Anna Lind',
        contactEmail: 'admin@contoso.example',
        partnerOrganizationId: adatum.id,
        licensingIds: [pcn.id, open.id],
        roles: [
          [cu('admin').id, ['ACCOUNT_ADMINISTRATOR']],
          [cu('keys').id, ['ACCOUNT_MANAGER']],
        ],
      },
      {
        organizationId: fabrikam.id,
        number: '72000201',
        name: 'Fabrikam Inc',
        addressLine1: '400 Pine Street',
        postalCode: '98101',
        city: 'Seattle',
        country: 'US',
        contactName: 'Frank Miller',
        contactEmail: 'admin@fabrikam.example',
        partnerOrganizationId: proseware.id,
        licensingIds: [fEnrollment.id],
        roles: [[fu('admin').id, ['ACCOUNT_ADMINISTRATOR']]],
      },
    ]);
    await seedDemoSelfProvisioning(tx);
    await audit(tx, null, { action: 'demo.seed', targetType: 'database', after: { organizations: 3 } });
  });
  return true;
}
