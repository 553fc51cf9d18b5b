import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { audit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/authz/authorize.js';
import { visibleTo } from '../../platform/authz/scope.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { conflict, DomainError, notFound } from '../../platform/errors.js';
import { enqueueMail } from '../../platform/mail/outbox.js';
import type { ModuleDeps } from '../../platform/module.js';
import type { LicensePool } from '../catalog/rules.js';
import { product } from '../catalog/tables.js';
import { organization } from '../identity/tables.js';
import { agreement, licensingId, program } from '../relationship/tables.js';
import { keyHolders, licensedLines, licensingTerms } from './entitlements.js';
import { type ExportRow, productLabel } from './export-format.js';
import { insertKey, issueByRules, planFor } from './issue.js';
import { createKeyVault } from './key-crypto.js';
import { keysMails } from './mails.js';
import { activationLimit, type KeyType, keyPolicy, licensesOf, type NoKeyReason } from './rules.js';
import { productKey } from './tables.js';

const parentAgreement = alias(agreement, 'parent_agreement');
const parentProgram = alias(program, 'parent_program');

const isUniqueViolation = (e: unknown) => {
  const err = e as { code?: string; cause?: { code?: string } };
  return err?.code === '23505' || err?.cause?.code === '23505';
};

const today = (now: Date) => now.toISOString().slice(0, 10);

/** A key as the Product Keys page shows it (R-KEY-7): with its value, only ever to keys.view holders. */
export interface KeyView {
  id: string;
  licensingId: string;
  licensingIdNumber: string;
  licensingIdName: string;
  parentProgram: string;
  organization: string;
  product: { id: string; code: string; name: string; version: string; edition: string; pool: LicensePool };
  type: KeyType;
  productKey: string;
  lastFive: string;
  /** MAK: activations; KMS host key: hosts; OSA: redemptions. Null for a setup key, which is not activated. */
  activations: { used: number; limit: number; available: number } | null;
  /** KMS host keys: how often each host may activate. */
  perHostActivations: number | null;
  issuedAt: Date;
}

export function createKeysService({ db, config, clock, secrets }: ModuleDeps) {
  const vault = createKeyVault(secrets.keyEncryptionKey);
  const policy = keyPolicy(config);

  async function views(tx: DbOrTx, where: SQL | undefined): Promise<KeyView[]> {
    const rows = await tx
      .select({
        id: productKey.id,
        licensingId: productKey.licensingId,
        licensingIdNumber: licensingId.number,
        licensingIdName: licensingId.name,
        parentProgram: sql<string>`coalesce(${parentProgram.name}, ${program.name})`,
        organization: organization.name,
        product: {
          id: product.id,
          code: product.code,
          name: product.name,
          version: product.version,
          edition: product.edition,
          pool: product.pool,
        },
        type: productKey.type,
        keyCiphertext: productKey.keyCiphertext,
        lastFive: productKey.lastFive,
        limit: productKey.activationLimit,
        used: productKey.used,
        issuedAt: productKey.issuedAt,
      })
      .from(productKey)
      .innerJoin(licensingId, eq(licensingId.id, productKey.licensingId))
      .innerJoin(program, eq(program.code, licensingId.programCode))
      .innerJoin(organization, eq(organization.id, productKey.organizationId))
      .innerJoin(product, eq(product.id, productKey.productId))
      .leftJoin(parentAgreement, eq(parentAgreement.id, licensingId.parentAgreementId))
      .leftJoin(parentProgram, eq(parentProgram.code, parentAgreement.programCode))
      .where(where)
      .orderBy(
        asc(licensingId.number),
        asc(product.name),
        asc(product.version),
        asc(product.edition),
        asc(productKey.type),
        asc(productKey.issuedAt),
        // Keys issued in the same instant still come out in one order in every export.
        asc(productKey.id),
      );
    return rows.map(({ keyCiphertext, limit, used, ...r }) => ({
      ...r,
      productKey: vault.decrypt(keyCiphertext, r.id),
      activations: r.type === 'SETUP' ? null : { used, limit, available: limit - used },
      perHostActivations: r.type === 'KMS_HOST' ? config.KMS_ACTIVATIONS_PER_HOST : null,
    }));
  }

  /** R-KEY-9: the keys of the Licensing IDs the actor holds Administrator or Product Keys on; `only` narrows to one of them. */
  async function visibleKeys(actor: Actor, only?: string): Promise<KeyView[]> {
    // One Licensing ID: 404 when it is another organization's, 403 when the actor's own without the role.
    if (only !== undefined) await authorize(db, actor, 'keys.view', { licensingId: only });
    return views(db, only !== undefined ? eq(productKey.licensingId, only) : visibleTo(actor, 'keys.view', productKey.licensingId));
  }

  const issuer = (terms: { id: string; organizationId: string }, actor: Actor) => ({
    licensingId: terms.id,
    organizationId: terms.organizationId,
    issuedAt: clock.now(),
    issuedBy: actor.userId,
  });

  async function tellKeyHolders(tx: DbOrTx, terms: { id: string; number: string; name: string; organizationName: string }, count: number) {
    for (const h of await keyHolders(tx, terms.id)) {
      await enqueueMail(tx, {
        to: h.email,
        locale: h.locale,
        template: keysMails.keysIssued,
        params: {
          firstName: h.firstName,
          count,
          licensingId: terms.number,
          licensingName: terms.name,
          organization: terms.organizationName,
          url: `${config.publicUrl}/licensing-ids/${terms.id}/keys`,
        },
      });
    }
  }

  return {
    list: (actor: Actor) => visibleKeys(actor),

    /**
     * One Licensing ID's keys (the guard checked keys.view on it) and, from its licenses, the
     * products that need no key, with the reason (R-KEY-2).
     */
    async forLicensingId(actor: Actor, id: string) {
      const items = await visibleKeys(actor, id);
      const { plan: p } = await planFor(db, policy, id, today(clock.now()));
      const named = p.noKeyNeeded.length
        ? await db
            .select({
              id: product.id,
              code: product.code,
              name: product.name,
              version: product.version,
              edition: product.edition,
              pool: product.pool,
            })
            .from(product)
            .where(
              inArray(
                product.id,
                p.noKeyNeeded.map((n) => n.productId),
              ),
            )
        : [];
      const reasons = new Map<string, NoKeyReason>(p.noKeyNeeded.map((n) => [n.productId, n.reason]));
      return {
        items,
        noKeyNeeded: named
          .map((prod) => ({ product: prod, reason: reasons.get(prod.id) ?? 'NO_KEY_REQUIRED' }))
          .sort((a, b) => productLabel(a.product).localeCompare(productLabel(b.product))),
      };
    },

    /** R-KEY-7: the rows of the key file, for all visible keys or one Licensing ID's. */
    async exportRows(actor: Actor, only?: string): Promise<ExportRow[]> {
      return (await visibleKeys(actor, only)).map((k) => ({
        licensingIdNumber: k.licensingIdNumber,
        parentProgram: k.parentProgram,
        organization: k.organization,
        product: productLabel(k.product),
        productKey: k.productKey,
        type: k.type,
        activations: k.type === 'MAK' && k.activations ? { used: k.activations.used, available: k.activations.available } : null,
      }));
    },

    /**
     * R-KEY-1, R-KEY-2, R-KEY-3, R-KEY-5 (back office): issues the keys the program rules call for
     * and raises Open MAK limits that more licenses justify. Running it again issues nothing new.
     * The Licensing ID row is locked so two runs do not race.
     */
    async issueByRules(actor: Actor, id: string) {
      return db.transaction(async (tx) => {
        const { terms, issued, raised, noKeyNeeded } = await issueByRules(tx, vault, policy, id, { now: clock.now(), by: actor.userId });
        await audit(tx, actor, {
          action: 'keys.issue',
          targetType: 'licensing_id',
          targetId: id,
          organizationId: terms.organizationId,
          after: { issued, raised },
        });
        if (issued.length) await tellKeyHolders(tx, terms, issued.length);
        return { issued, raised, noKeyNeeded };
      });
    },

    /**
     * One key by hand (back office): a setup key, a KMS key by exception, an OSA key. The limit
     * defaults to what the rules give for the type. A product that needs no key gets none.
     */
    async issueKey(actor: Actor, id: string, input: { type: KeyType; productId: string; activationLimit?: number }) {
      try {
        return await db.transaction(async (tx) => {
          const terms = await licensingTerms(tx, id);
          if (!terms) throw notFound('Licensing ID');
          const [prod] = await tx
            .select({ id: product.id, requiresKey: product.requiresKey, isCal: product.isCal })
            .from(product)
            .where(eq(product.id, input.productId));
          if (!prod) throw notFound('product');
          if (prod.isCal || (!prod.requiresKey && input.type !== 'OSA')) {
            throw new DomainError('KEY_NOT_REQUIRED', 400, 'This product needs no product key.');
          }
          const lines = await licensedLines(tx, id, today(clock.now()));
          const limit = input.activationLimit ?? activationLimit(policy, input.type, terms, licensesOf(lines, prod.id));
          const key = await insertKey(tx, vault, {
            type: input.type,
            productId: prod.id,
            activationLimit: limit,
            sourceOrderLineId: null,
            ...issuer(terms, actor),
          });
          await audit(tx, actor, {
            action: 'keys.issue',
            targetType: 'product_key',
            targetId: key.id,
            organizationId: terms.organizationId,
            licensingIds: [terms.id],
            after: key,
          });
          await tellKeyHolders(tx, terms, 1);
          return key;
        });
      } catch (e) {
        if (isUniqueViolation(e))
          throw conflict('KEY_ALREADY_ISSUED', 'This Licensing ID already has a key of this type for this product.');
        throw e;
      }
    },

    /**
     * R-KEY-2: the setup keys of a product, for the download screen: a setup key only unlocks the
     * installation, so it is shown to whoever may download the product (R-DL-1), not only key holders.
     */
    async setupKeys(actor: Actor, productId: string) {
      const rows = await db
        .select({ id: productKey.id, keyCiphertext: productKey.keyCiphertext })
        .from(productKey)
        .where(
          and(eq(productKey.type, 'SETUP'), eq(productKey.productId, productId), visibleTo(actor, 'downloads.get', productKey.licensingId)),
        );
      return [...new Set(rows.map((r) => vault.decrypt(r.keyCiphertext, r.id)))];
    },
  };
}

export type KeysService = ReturnType<typeof createKeysService>;
