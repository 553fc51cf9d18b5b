import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../../platform/http/guard.js';
import { fileBody } from '../../../platform/http/openapi.js';
import type { ModuleDeps, ModuleRoutes } from '../../../platform/module.js';
import { attachmentDisposition } from '../../downloads/http-range.js';
import {
  ChangeParams,
  PartnerChangeCandidateListSchema,
  PartnerChangeListSchema,
  PartnerChangeSchema,
  StartPartnerChangeSchema,
  SweepResultSchema,
} from './schemas.js';
import { createPartnerChangeService } from './service.js';

const FormFile = {
  description: 'The request form, a PDF, as an attachment, in the reader’s language',
  content: { 'application/pdf': { schema: fileBody('the PDF’s bytes', true) } },
};

const sendForm = (reply: FastifyReply, form: { name: string; content: Buffer }) =>
  reply
    .type('application/pdf')
    .header('content-disposition', attachmentDisposition(form.name))
    .header('cache-control', 'private, no-store')
    .send(form.content);

/**
 * R-REL-6, change of channel partner. The customer's side (`partner.change`: Administrators,
 * Online Administrators included) is scoped by the service to the Licensing IDs the actor holds it
 * on; the new partner's side (`partner`: any user of a channel-partner organization) to the
 * requests naming its organization, so another partner's request is 404. The operator runs the
 * sweep on demand; the server runs it every PARTNER_CHANGE_SWEEP_SECONDS.
 */
export function partnerChangeModule(deps: ModuleDeps): ModuleRoutes {
  const changes = createPartnerChangeService(deps);
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['partner-change'];
    const customer = { action: 'partner.change', target: 'service' } as const;
    const partner = { action: 'partner' } as const;

    app.get(
      '/partner-changes/licensing-ids',
      {
        config: { action: 'partner.change' },
        schema: {
          tags,
          summary:
            'The Licensing IDs whose channel partner I may change, each with its partner of record and the code a change would be refused with now (R-REL-6)',
          response: { 200: PartnerChangeCandidateListSchema },
        },
      },
      async (req) => ({ items: await changes.candidates(actorOf(req)) }),
    );

    app.post(
      '/partner-changes',
      {
        config: { action: 'partner.change' },
        schema: {
          tags,
          summary:
            'Start a change of channel partner for Enterprise-family Licensing IDs I administer: the new partner by its number and its notification contact, who is mailed to accept or decline within 10 days (R-REL-6)',
          body: StartPartnerChangeSchema,
          response: { 201: PartnerChangeSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await changes.start(actorOf(req), req.body)),
    );

    app.get(
      '/partner-changes',
      {
        config: { action: 'partner.change' },
        schema: {
          tags,
          summary:
            'Changes of channel partner of the Licensing IDs I administer, newest first, with their status per Licensing ID (R-REL-6)',
          response: { 200: PartnerChangeListSchema },
        },
      },
      async (req) => ({ items: await changes.listForCustomer(actorOf(req)) }),
    );

    app.get(
      '/partner-changes/:changeId',
      {
        config: customer,
        schema: { tags, summary: 'One change of channel partner (R-REL-6)', params: ChangeParams, response: { 200: PartnerChangeSchema } },
      },
      async (req) => changes.detailForCustomer(actorOf(req), req.params.changeId),
    );

    app.post(
      '/partner-changes/:changeId/cancel',
      {
        config: customer,
        schema: {
          tags,
          summary:
            'Cancel a change of channel partner while it is in progress; the requester, the Administrators and the new partner are mailed',
          params: ChangeParams,
          response: { 200: PartnerChangeSchema },
        },
      },
      async (req) => changes.cancel(actorOf(req), req.params.changeId),
    );

    app.get(
      '/partner-changes/:changeId/form',
      {
        config: customer,
        schema: {
          tags,
          summary: 'The request form (PDF) of a change of channel partner',
          params: ChangeParams,
          response: { 200: FormFile },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        return sendForm(reply, await changes.form(actor, 'customer', req.params.changeId, actor.locale));
      },
    );

    app.get(
      '/partner-change-requests',
      {
        config: partner,
        schema: {
          tags,
          summary: 'As a channel partner: the changes of channel partner that name my organization as the new partner, newest first',
          response: { 200: PartnerChangeListSchema },
        },
      },
      async (req) => ({ items: await changes.listForPartner(actorOf(req)) }),
    );

    app.get(
      '/partner-change-requests/:changeId',
      {
        config: partner,
        schema: {
          tags,
          summary: 'As a channel partner: one change of channel partner naming my organization',
          params: ChangeParams,
          response: { 200: PartnerChangeSchema },
        },
      },
      async (req) => changes.detailForPartner(actorOf(req), req.params.changeId),
    );

    app.post(
      '/partner-change-requests/:changeId/accept',
      {
        config: partner,
        schema: {
          tags,
          summary:
            'As the new partner: accept within the answer period; the change takes effect after the grace period (90 days), the old partner remaining of record until then',
          params: ChangeParams,
          response: { 200: PartnerChangeSchema },
        },
      },
      async (req) => changes.accept(actorOf(req), req.params.changeId),
    );

    app.post(
      '/partner-change-requests/:changeId/decline',
      {
        config: partner,
        schema: {
          tags,
          summary: 'As the new partner: decline; the customer keeps its partner',
          params: ChangeParams,
          response: { 200: PartnerChangeSchema },
        },
      },
      async (req) => changes.decline(actorOf(req), req.params.changeId),
    );

    app.get(
      '/partner-change-requests/:changeId/form',
      {
        config: partner,
        schema: {
          tags,
          summary: 'As the new partner: the request form (PDF)',
          params: ChangeParams,
          response: { 200: FormFile },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        return sendForm(reply, await changes.form(actor, 'partner', req.params.changeId, actor.locale));
      },
    );

    app.post(
      '/operator/partner-changes/sweep',
      {
        config: { action: 'operator' },
        schema: {
          tags: ['operator', ...tags],
          summary:
            'Run the change-of-partner sweep now: note requests unanswered past their answer period as expired, and record the new partner of accepted changes whose grace period has ended',
          response: { 200: SweepResultSchema },
        },
      },
      async (req) => changes.sweep(actorOf(req)),
    );
  };
}
