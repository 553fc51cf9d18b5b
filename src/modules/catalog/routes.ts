import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/http/guard.js';
import type { ModuleDeps, ModuleRoutes } from '../../platform/module.js';
import { FamilySchema, NewFamilySchema, NewProductSchema, ProductDetailSchema, ProductQuerySchema, ProductSchema } from './schemas.js';
import { createCatalogService } from './service.js';

/** The product catalog: the publisher's operators maintain it; every signed-in user reads it. */
export function catalogModule({ db }: ModuleDeps): ModuleRoutes {
  const catalog = createCatalogService({ db });
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['catalog'];

    app.post(
      '/operator/product-families',
      {
        config: { action: 'operator' },
        schema: { tags, summary: 'Create a product family', body: NewFamilySchema, response: { 201: FamilySchema } },
      },
      async (req, reply) => reply.status(201).send(await catalog.createFamily(actorOf(req), req.body)),
    );

    app.get(
      '/operator/product-families',
      {
        config: { action: 'operator' },
        schema: {
          tags,
          summary: 'Product families with their product counts',
          response: { 200: z.object({ items: z.array(FamilySchema) }) },
        },
      },
      async () => ({ items: await catalog.listFamilies() }),
    );

    app.post(
      '/operator/products',
      {
        config: { action: 'operator' },
        schema: {
          tags,
          summary: 'Create a product (version, edition, pool R-LIC-4, CAL and key flags R-DL-4, prior version R-DL-7)',
          body: NewProductSchema,
          response: { 201: ProductSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await catalog.createProduct(actorOf(req), req.body)),
    );

    app.get(
      '/operator/products',
      {
        config: { action: 'operator' },
        schema: {
          tags,
          summary: 'The catalog, filtered',
          querystring: ProductQuerySchema,
          response: { 200: z.object({ items: z.array(ProductSchema) }) },
        },
      },
      async (req) => ({ items: await catalog.listProducts(req.query) }),
    );

    app.get(
      '/catalog/families',
      {
        config: { action: 'self' },
        schema: { tags, summary: 'Product families', response: { 200: z.object({ items: z.array(FamilySchema) }) } },
      },
      async () => ({ items: await catalog.listFamilies() }),
    );

    app.get(
      '/catalog/products',
      {
        config: { action: 'self' },
        schema: {
          tags,
          summary: 'The catalog, filtered by family, pool, category or a name/code search',
          querystring: ProductQuerySchema,
          response: { 200: z.object({ items: z.array(ProductSchema) }) },
        },
      },
      async (req) => ({ items: await catalog.listProducts(req.query) }),
    );

    app.get(
      '/catalog/products/:productId',
      {
        config: { action: 'self' },
        schema: {
          tags,
          summary: 'One product with its downgrade chain (R-DL-7)',
          params: z.object({ productId: z.uuid() }),
          response: { 200: ProductDetailSchema },
        },
      },
      async (req) => catalog.getProduct(req.params.productId),
    );
  };
}
