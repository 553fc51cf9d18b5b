import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { audit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import { visibleTo } from '../../platform/authz/scope.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { conflict, DomainError, notFound } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n/locale.js';
import { enqueueMail } from '../../platform/mail/outbox.js';
import type { ModuleDeps } from '../../platform/module.js';
import { organization, user } from '../identity/tables.js';
import type { KeyRequestInput, KeyRequestKind } from '../permissions/key-requests/rules.js';
import { checkKeyRequest } from '../permissions/key-requests/service.js';
import { licensingId } from '../relationship/tables.js';
import { insertKey } from './issue.js';
import { createKeyVault } from './key-crypto.js';
import { KEY_REQUEST_KIND_LABELS, keysMails, LIMIT_UNITS } from './mails.js';
import { keyPolicy } from './rules.js';
import { keyRequest, productKey } from './tables.js';

const isUniqueViolation = (e: unknown) => {
  const err = e as { code?: string; cause?: { code?: string } };
  return err?.code === '23505' || err?.cause?.code === '23505';
};

/** The key a request is about: its last five characters on the Licensing ID, of the type the request concerns. */
const KEY_TYPES_FOR: Record<KeyRequestKind, ('MAK' | 'KMS_HOST')[]> = {
  MORE_MAK_ACTIVATIONS: ['MAK'],
  MORE_KMS_HOSTS: ['KMS_HOST'],
  // An Open customer has no KMS key yet: the request names its MAK for the product.
  KMS_EXCEPTION_OPEN: ['MAK'],
};

const columns = {
  id: keyRequest.id,
  kind: keyRequest.kind,
  status: keyRequest.status,
  licensingId: keyRequest.licensingId,
  licensingIdNumber: licensingId.number,
  organization: organization.name,
  requestedBy: user.email,
  agreementNumber: keyRequest.agreementNumber,
  licenseNumber: keyRequest.licenseNumber,
  authorizationNumber: keyRequest.authorizationNumber,
  product: { name: keyRequest.productName, version: keyRequest.productVersion, edition: keyRequest.productEdition },
  keyLastFive: keyRequest.keyLastFive,
  keyType: productKey.type,
  currentLimit: productKey.activationLimit,
  used: productKey.used,
  activationsWanted: keyRequest.activationsWanted,
  justification: keyRequest.justification,
  createdAt: keyRequest.createdAt,
  decidedAt: keyRequest.decidedAt,
  decisionNote: keyRequest.decisionNote,
  activationsGranted: keyRequest.activationsGranted,
};

export type KeyRequestDecision = { decision: 'APPROVE'; activations?: number; note?: string } | { decision: 'DENY'; note?: string };

/** R-PERM-13: requests for more MAK activations, a KMS key by exception (Open) or more KMS hosts, and the publisher's queue. */
export function createKeyRequestsService({ db, config, clock, secrets }: ModuleDeps) {
  const vault = createKeyVault(secrets.keyEncryptionKey);
  const policy = keyPolicy(config);

  const select = (tx: DbOrTx) =>
    tx
      .select(columns)
      .from(keyRequest)
      .innerJoin(licensingId, eq(licensingId.id, keyRequest.licensingId))
      .innerJoin(organization, eq(organization.id, keyRequest.organizationId))
      .innerJoin(user, eq(user.id, keyRequest.requestedBy))
      .innerJoin(productKey, eq(productKey.id, keyRequest.keyId));

  async function one(tx: DbOrTx, id: string) {
    const [row] = await select(tx).where(eq(keyRequest.id, id));
    if (!row) throw notFound('key request');
    return row;
  }

  const label = (kind: KeyRequestKind, locale: Locale) => KEY_REQUEST_KIND_LABELS[kind][locale];
  const productText = (p: { name: string; version: string; edition: string }) => `${p.name} ${p.version} ${p.edition}`;

  return {
    /**
     * Checks the actor's role and the form's numbers (permissions' R-PERM-13 check), finds the key
     * the five characters name, queues the request and tells the requester.
     */
    async submit(actor: Actor, input: KeyRequestInput) {
      await checkKeyRequest(db, actor, input);
      const [key] = await db
        .select({ id: productKey.id, organizationId: productKey.organizationId })
        .from(productKey)
        .where(
          and(
            eq(productKey.licensingId, input.licensingId),
            eq(productKey.lastFive, input.keyLastFive),
            inArray(productKey.type, KEY_TYPES_FOR[input.kind]),
          ),
        )
        .limit(1);
      if (!key)
        throw new DomainError(
          'KEY_REQUEST_KEY_UNKNOWN',
          400,
          'No key of the right type on this Licensing ID ends with these five characters.',
        );
      return db.transaction(async (tx) => {
        const [row] = await tx
          .insert(keyRequest)
          .values({
            organizationId: key.organizationId,
            licensingId: input.licensingId,
            requestedBy: actor.userId,
            kind: input.kind,
            agreementNumber: input.agreementNumber ?? null,
            licenseNumber: input.licenseNumber ?? null,
            authorizationNumber: input.authorizationNumber ?? null,
            productName: input.product.name,
            productVersion: input.product.version,
            productEdition: input.product.edition,
            keyLastFive: input.keyLastFive,
            keyId: key.id,
            activationsWanted: input.activationsWanted,
            justification: input.justification,
            createdAt: clock.now(),
          })
          .returning({ id: keyRequest.id });
        if (!row) throw new Error('insert returned nothing');
        const created = await one(tx, row.id);
        await audit(tx, actor, {
          action: 'keys.request',
          targetType: 'key_request',
          targetId: row.id,
          licensingIds: [input.licensingId],
          after: input,
        });
        const [me] = await tx.select({ firstName: user.firstName, locale: user.locale }).from(user).where(eq(user.id, actor.userId));
        const locale = me?.locale ?? actor.locale;
        await enqueueMail(tx, {
          to: actor.email,
          locale,
          template: keysMails.keyRequestReceived,
          params: {
            firstName: me?.firstName ?? '',
            kind: label(input.kind, locale),
            product: productText(input.product),
            licensingId: created.licensingIdNumber,
            activationsWanted: input.activationsWanted,
            keyLastFive: input.keyLastFive,
            reference: row.id.slice(0, 8).toUpperCase(),
            url: `${config.publicUrl}/key-requests`,
          },
        });
        return created;
      });
    },

    /** The requests on the Licensing IDs the actor may request for, newest first. */
    async mine(actor: Actor) {
      return select(db)
        .where(visibleTo(actor, 'keys.request', keyRequest.licensingId))
        .orderBy(desc(keyRequest.createdAt));
    },

    /** The publisher's queue: pending first (oldest first), then decided ones, newest first. */
    async queue(status: 'PENDING' | 'APPROVED' | 'DENIED' | 'ALL') {
      const q = select(db);
      return (status === 'ALL' ? q : q.where(eq(keyRequest.status, status))).orderBy(
        sql`${keyRequest.status} = 'PENDING' desc`,
        sql`case when ${keyRequest.status} = 'PENDING' then ${keyRequest.createdAt} end asc`,
        desc(keyRequest.decidedAt),
      );
    },

    /**
     * Decides a pending request once (the status changes atomically from PENDING). Approving raises
     * the key's limit by the activations granted (hosts, for a KMS key), or issues the KMS host
     * key of a KMS exception; the requester is told either way.
     */
    async decide(actor: Actor, id: string, d: KeyRequestDecision) {
      try {
        return await db.transaction(async (tx) => {
          const now = clock.now();
          const [current] = await tx
            .select({ status: keyRequest.status, wanted: keyRequest.activationsWanted, kind: keyRequest.kind })
            .from(keyRequest)
            .where(eq(keyRequest.id, id));
          if (!current) throw notFound('key request');
          const granted =
            d.decision === 'APPROVE'
              ? current.kind === 'KMS_EXCEPTION_OPEN'
                ? policy.kmsHostsPerKey
                : (d.activations ?? current.wanted)
              : null;
          const [decided] = await tx
            .update(keyRequest)
            .set({
              status: d.decision === 'APPROVE' ? 'APPROVED' : 'DENIED',
              decidedAt: now,
              decidedBy: actor.userId,
              decisionNote: d.note ?? null,
              activationsGranted: granted,
            })
            .where(and(eq(keyRequest.id, id), eq(keyRequest.status, 'PENDING')))
            .returning();
          if (!decided) throw conflict('KEY_REQUEST_DECIDED', 'This request has already been decided.');

          let mail = keysMails.keyRequestDenied;
          let keyLastFive = decided.keyLastFive;
          let limit: number | null = null;
          let unit: keyof typeof LIMIT_UNITS = 'MAK';
          if (d.decision === 'APPROVE' && decided.kind === 'KMS_EXCEPTION_OPEN') {
            const [mak] = await tx
              .select({ productId: productKey.productId, organizationId: productKey.organizationId })
              .from(productKey)
              .where(eq(productKey.id, decided.keyId));
            if (!mak) throw notFound('product key');
            const issued = await insertKey(tx, vault, {
              type: 'KMS_HOST',
              productId: mak.productId,
              activationLimit: policy.kmsHostsPerKey,
              sourceOrderLineId: null,
              licensingId: decided.licensingId,
              organizationId: mak.organizationId,
              issuedAt: now,
              issuedBy: actor.userId,
            });
            await tx.update(keyRequest).set({ issuedKeyId: issued.id }).where(eq(keyRequest.id, id));
            mail = keysMails.kmsKeyIssued;
            keyLastFive = issued.lastFive;
            limit = issued.activationLimit;
            unit = 'KMS_HOST';
          } else if (d.decision === 'APPROVE') {
            // The same atomic kind of statement as activation: the limit moves by the grant, whatever it is now.
            const [raised] = await tx
              .update(productKey)
              .set({ activationLimit: sql`${productKey.activationLimit} + ${granted}` })
              .where(eq(productKey.id, decided.keyId))
              .returning({ limit: productKey.activationLimit, type: productKey.type });
            if (!raised) throw notFound('product key');
            mail = keysMails.keyRequestApproved;
            limit = raised.limit;
            unit = raised.type === 'KMS_HOST' ? 'KMS_HOST' : 'MAK';
          }
          const after = await one(tx, id);
          await audit(tx, actor, {
            action: 'keys.request.decide',
            targetType: 'key_request',
            targetId: id,
            organizationId: decided.organizationId,
            licensingIds: [decided.licensingId],
            before: { status: 'PENDING' },
            after: { status: decided.status, activationsGranted: granted, limit, note: d.note ?? null },
          });
          const [requester] = await tx
            .select({ email: user.email, firstName: user.firstName, locale: user.locale })
            .from(user)
            .where(eq(user.id, decided.requestedBy));
          if (requester) {
            const locale = requester.locale;
            await enqueueMail(tx, {
              to: requester.email,
              locale,
              template: mail,
              params: {
                firstName: requester.firstName,
                reference: id.slice(0, 8).toUpperCase(),
                kind: label(decided.kind, locale),
                product: productText(after.product),
                licensingId: after.licensingIdNumber,
                keyLastFive,
                ...(limit === null ? {} : { limit: `${limit} ${LIMIT_UNITS[unit][locale]}`, granted: granted ?? 0 }),
                note: d.note ?? '',
                url: `${config.publicUrl}/${mail === keysMails.keyRequestDenied ? 'key-requests' : `licensing-ids/${decided.licensingId}/keys`}`,
              },
            });
          }
          return after;
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw conflict('KEY_ALREADY_ISSUED', 'This Licensing ID already has a KMS host key for this product.');
        throw e;
      }
    },
  };
}

export type KeyRequestsService = ReturnType<typeof createKeyRequestsService>;
