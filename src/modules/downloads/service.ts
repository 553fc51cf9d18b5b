import { eq, sql } from 'drizzle-orm';
import { audit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import { DomainError, forbidden, notFound } from '../../platform/errors.js';
import type { ModuleDeps } from '../../platform/module.js';
import { product } from '../catalog/tables.js';
import { catalogCategories, catalogPage, catalogProduct, catalogSuggestions } from './catalog.js';
import { liveFiles, moreInfo } from './files.js';
import { DEFAULT_OS, downloadOptions, filesFor, SUGGESTIONS_MAX } from './rules.js';
import type { CatalogQuery, LinksBody, Settings } from './schemas.js';
import { type DownloadScope, downloadScope } from './scope.js';
import { createSetupKeyLookup } from './setup-keys.js';
import { createLinkSigner } from './signed-link.js';
import { downloadSettings } from './tables.js';

export const notAvailable = () => new DomainError('DOWNLOAD_NOT_AVAILABLE', 404, 'This product is not available for download.');

/** The Downloads and Keys catalog, a product's download page, the user's settings and signed links. */
export function createDownloadsService({ db, config, clock, secrets }: ModuleDeps) {
  const signer = createLinkSigner(secrets.keyEncryptionKey);
  const setupKeysFor = createSetupKeyLookup(secrets.keyEncryptionKey);

  /** The actor's scope; an actor with no download role anywhere gets an empty one, never an error (list routes). */
  async function scopeOf(actor: Actor): Promise<DownloadScope> {
    return (
      (await downloadScope(db, actor.userId)) ?? {
        userId: actor.userId,
        organizationId: actor.organizationId,
        scope: 'NONE',
        licensingIds: [],
      }
    );
  }

  /**
   * A product the actor may download: 404 when there is no such product, 403 when the actor holds
   * no download role at all (R-DL-1), 404 when it is not in the actor's catalog (R-DL-2).
   */
  async function downloadable(actor: Actor, productId: string) {
    const [exists] = await db.select({ id: product.id }).from(product).where(eq(product.id, productId));
    if (!exists) throw notFound('product');
    const scope = await scopeOf(actor);
    if (scope.scope === 'NONE') throw forbidden('downloads.get');
    const row = await catalogProduct(db, scope, productId);
    if (!row) throw notFound('product');
    return row;
  }

  async function settingsOf(actor: Actor): Promise<Settings> {
    const [row] = await db
      .select({ method: downloadSettings.method, language: downloadSettings.language, os: downloadSettings.os })
      .from(downloadSettings)
      .where(eq(downloadSettings.userId, actor.userId));
    return row ?? { method: 'BROWSER', language: actor.locale, os: DEFAULT_OS };
  }

  return {
    async catalog(actor: Actor, q: CatalogQuery) {
      return catalogPage(db, await scopeOf(actor), q);
    },

    async categories(actor: Actor) {
      return catalogCategories(db, await scopeOf(actor));
    },

    async suggest(actor: Actor, q: string) {
      return catalogSuggestions(db, await scopeOf(actor), q, SUGGESTIONS_MAX);
    },

    /** A product's download page (R-DL-3, R-DL-4, R-DL-6, R-DL-7, R-KEY-2). */
    async product(actor: Actor, productId: string, q: { language?: string; os?: string }) {
      const row = await downloadable(actor, productId);
      const settings = await settingsOf(actor);
      const language = q.language ?? settings.language;
      const os = q.os ?? settings.os;
      const all = row.isCal ? [] : await liveFiles(db, productId);
      const files = filesFor(all, language, os).map(({ productId: _, createdAt: __, ...f }) => f);
      const keys = await setupKeysFor(db, actor, productId);
      return {
        ...row,
        more: await moreInfo(db, productId),
        options: downloadOptions(all),
        selected: { language, os, method: settings.method },
        available: files.length > 0,
        files,
        bundle: { fileCount: files.length, totalSize: files.reduce((n, f) => n + f.size, 0) },
        setupKeys: row.requiresKey ? keys.keys : [],
        keysVisible: keys.keysVisible,
      };
    },

    settings: settingsOf,

    async saveSettings(actor: Actor, input: Settings) {
      return db.transaction(async (tx) => {
        const [before] = await tx.select().from(downloadSettings).where(eq(downloadSettings.userId, actor.userId));
        await tx
          .insert(downloadSettings)
          .values({ userId: actor.userId, ...input })
          .onConflictDoUpdate({ target: downloadSettings.userId, set: { ...input, updatedAt: sql`now()` } });
        await audit(tx, actor, {
          action: 'downloads.settings.update',
          targetType: 'user',
          targetId: actor.userId,
          before: before ? { method: before.method, language: before.language, os: before.os } : null,
          after: input,
        });
        return input;
      });
    },

    /** Signed, short-lived links to some files of the product, or to its bundle for a language and system. */
    async links(actor: Actor, productId: string, body: LinksBody) {
      const row = await downloadable(actor, productId);
      if (row.isCal) throw notAvailable(); // R-DL-4
      const all = await liveFiles(db, productId);
      let chosen = all;
      if (body.fileIds) {
        const wanted = new Set(body.fileIds);
        chosen = all.filter((f) => wanted.has(f.id));
        if (chosen.length !== wanted.size) throw notFound('file');
      } else {
        chosen = filesFor(all, body.language ?? '', body.os ?? '');
      }
      if (chosen.length === 0) throw notAvailable(); // R-DL-3
      const method = body.method ?? (await settingsOf(actor)).method;
      const expires = Math.floor(clock.now().getTime() / 1000) + config.DOWNLOAD_LINK_TTL_MINUTES * 60;
      return chosen.map((f) => ({
        fileId: f.id,
        name: f.name,
        size: f.size,
        sha256: f.sha256,
        url: `${config.publicUrl}/api/v1/files/${f.id}/content?${signer.sign({ fileId: f.id, userId: actor.userId, method, expires })}`,
        expiresAt: new Date(expires * 1000),
      }));
    },
  };
}

export type DownloadsService = ReturnType<typeof createDownloadsService>;
