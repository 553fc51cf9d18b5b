import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { notFound } from '../../platform/errors.js';
import { actorOf } from '../../platform/http/guard.js';
import { fileBody } from '../../platform/http/openapi.js';
import type { ModuleDeps, ModuleRoutes } from '../../platform/module.js';
import { createBenefitActivation } from './activate.js';
import { createBenefitRules } from './benefit-rules.js';
import { benefitUserRoutes } from './benefit-user-routes.js';
import { createBenefitUsers } from './benefit-users.js';
import { createElearning } from './elearning.js';
import { listParticipants, mustListParticipants } from './elearning-participants.js';
import { saSummaryCsv, saSummaryXlsx } from './export.js';
import { createBenefitHold } from './hold.js';
import { createVoucherRedemption } from './providers/redeem.js';
import { trainingProviderRoutes } from './providers/routes.js';
import { createTrainingProviders } from './providers/service.js';
import {
  BenefitParams,
  BenefitRulesSchema,
  BenefitSchema,
  ElearningDomainParams,
  ElearningDomainSchema,
  ElearningParticipantParams,
  ElearningParticipantsQuery,
  ElearningParticipantsSchema,
  ElearningRedeemSchema,
  ElearningRedemptionSchema,
  ElearningSetupSchema,
  HoldReasonSchema,
  LicensingIdBenefitsSchema,
  LicensingIdLookupQuerySchema,
  LicensingIdMatchesSchema,
  LicensingIdParams,
  OperatorLicensingIdBenefitsSchema,
  SaExportQuerySchema,
  SaSummaryQuerySchema,
  SaSummarySchema,
  VoucherAssignmentSchema,
  VoucherParams,
  VoucherSchema,
  VouchersSchema,
} from './schemas.js';
import { createBenefitReader } from './service.js';
import type { SummaryFilter } from './summary.js';
import { createTrainingVouchers } from './vouchers.js';

const filterOf = (q: {
  q?: string;
  benefit?: SummaryFilter['benefit'];
  status?: SummaryFilter['status'];
  expiringWithin?: '30' | '90';
}) => ({
  text: q.q || undefined,
  benefit: q.benefit,
  status: q.status,
  expiringWithin: q.expiringWithin === undefined ? undefined : Number(q.expiringWithin),
});

/** Software Assurance benefits (R-SA-1…3, R-PERM-8): the customer reads and activates, the publisher sets the rules and holds. */
export function softwareAssuranceModule({ db, reads, clock, config }: ModuleDeps): ModuleRoutes {
  const reader = createBenefitReader({ db, clock, config });
  // The SA Summary and its export read the replica (they may lag the primary slightly); every use-case that writes reads the primary.
  const summaryReader = createBenefitReader({ db: reads, clock, config });
  const activation = createBenefitActivation({ db, clock, reader });
  const holds = createBenefitHold({ db, clock, config, reader });
  const rules = createBenefitRules({ db });
  const vouchers = createTrainingVouchers({ db, clock, reader });
  const elearning = createElearning({ db, clock, config, reader });
  const benefitUsers = createBenefitUsers({ db, clock, reader });
  const providers = createTrainingProviders({ db, clock });
  const redemption = createVoucherRedemption({ db, clock, config, reader });
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['software-assurance'];

    app.get(
      '/sa-summary',
      {
        config: { action: 'sa.view' },
        schema: {
          tags,
          summary:
            'SA Summary: the benefits managed online of every Licensing ID I may see, with organization, city, eligible and remaining quantity; filtered, sorted, paged; expiring ones flagged (R-SA-3)',
          querystring: SaSummaryQuerySchema,
          response: { 200: SaSummarySchema },
        },
      },
      async (req) => {
        const q = req.query;
        const s = await summaryReader.summary(actorOf(req), filterOf(q), q.sort, q.order === 'desc');
        const live = s.rows.filter((r) => r.status !== 'EXPIRED');
        return {
          asOf: s.asOf,
          visibleLicensingIds: s.visibleLicensingIds,
          total: s.rows.length,
          page: q.page,
          pageSize: q.pageSize,
          expiring: {
            within90: live.filter((r) => r.expiry.notice === 'EXPIRING_SOON' || r.expiry.notice === 'EXPIRING_URGENT').length,
            within30: live.filter((r) => r.expiry.notice === 'EXPIRING_URGENT').length,
          },
          items: s.rows.slice((q.page - 1) * q.pageSize, q.page * q.pageSize),
        };
      },
    );

    app.get(
      '/sa-summary/export',
      {
        config: { action: 'sa.view' },
        schema: {
          tags,
          summary: 'The SA Summary, filtered and sorted as on screen, as CSV (streamed) or an Excel workbook, in the user’s language',
          querystring: SaExportQuerySchema,
          response: {
            200: {
              description: 'An attachment: CSV (format=csv) or an Excel workbook (format=xlsx)',
              content: {
                'text/csv': { schema: fileBody('UTF-8 text, comma-separated') },
                'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
                  schema: fileBody('an Office Open XML workbook', true),
                },
              },
            },
          },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const q = req.query;
        const s = await summaryReader.summary(actor, filterOf(q), q.sort, q.order === 'desc');
        reply.header('content-disposition', `attachment; filename="sa-summary-${s.asOf}.${q.format}"`);
        if (q.format === 'xlsx') {
          return reply
            .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
            .send(await saSummaryXlsx(s.rows, s.asOf, actor.locale));
        }
        return reply.type('text/csv; charset=utf-8').send(saSummaryCsv(s.rows, actor.locale));
      },
    );

    app.get(
      '/licensing-ids/:licensingId/sa-benefits',
      {
        config: { action: 'sa.view', target: 'params.licensingId' },
        schema: {
          tags,
          summary:
            'The Software Assurance benefits of one Licensing ID with status, eligible and remaining quantity and coverage end (R-SA-1, R-SA-2)',
          params: LicensingIdParams,
          response: { 200: LicensingIdBenefitsSchema },
        },
      },
      async (req) => {
        const found = await reader.ofLicensingId(db, req.params.licensingId);
        if (!found) throw notFound('Licensing ID');
        return found;
      },
    );

    app.post(
      '/licensing-ids/:licensingId/sa-benefits/:benefit/activate',
      {
        config: { action: 'sa.manage', target: 'params.licensingId' },
        schema: {
          tags,
          summary:
            'Activate a benefit in Requires Activation (R-SA-2); an SA Manager whose role was narrowed away from the benefit’s group is refused SA_BENEFIT_GROUP_NOT_HELD (R-PERM-8)',
          params: BenefitParams,
          response: { 200: BenefitSchema },
        },
      },
      async (req) => activation.activate(actorOf(req), req.params.licensingId, req.params.benefit),
    );

    app.get(
      '/licensing-ids/:licensingId/training-vouchers',
      {
        config: { action: 'sa.view', target: 'params.licensingId' },
        schema: {
          tags,
          summary: 'The training vouchers assigned on a Licensing ID, newest first, with their status (R-SA-5)',
          params: LicensingIdParams,
          response: { 200: VouchersSchema },
        },
      },
      async (req) => ({ vouchers: await vouchers.list(req.params.licensingId) }),
    );

    app.post(
      '/licensing-ids/:licensingId/training-vouchers',
      {
        config: { action: 'sa.manage', target: 'params.licensingId' },
        schema: {
          tags,
          summary:
            'Assign days of the Activated Training Vouchers benefit to an employee, who is mailed the voucher number in the chosen language; never more than remains (SA_NOT_ENOUGH_REMAINING) (R-SA-5, R-PERM-8)',
          params: LicensingIdParams,
          body: VoucherAssignmentSchema,
          response: { 201: VoucherSchema },
        },
      },
      async (req, reply) => reply.code(201).send(await vouchers.assign(actorOf(req), req.params.licensingId, req.body)),
    );

    app.post(
      '/licensing-ids/:licensingId/training-vouchers/:voucherId/cancel',
      {
        config: { action: 'sa.manage', target: 'params.licensingId' },
        schema: {
          tags,
          summary: 'Cancel a training voucher not yet redeemed: its days return to the benefit and the employee is mailed (R-SA-5)',
          params: VoucherParams,
          response: { 200: VoucherSchema },
        },
      },
      async (req) => vouchers.cancel(actorOf(req), req.params.licensingId, req.params.voucherId),
    );

    app.get(
      '/licensing-ids/:licensingId/e-learning',
      {
        config: { action: 'sa.view', target: 'params.licensingId' },
        schema: {
          tags,
          summary:
            'The e-Learning set-up of a Licensing ID: eligible domains, participants, and the access code for those who manage the benefit (R-SA-4)',
          params: LicensingIdParams,
          response: { 200: ElearningSetupSchema },
        },
      },
      async (req) => elearning.view(actorOf(req), req.params.licensingId),
    );

    app.post(
      '/licensing-ids/:licensingId/e-learning/domains',
      {
        config: { action: 'sa.manage', target: 'params.licensingId' },
        schema: {
          tags,
          summary:
            'Make an e-mail domain eligible for the Activated e-Learning benefit; the first one generates the access code; personal-mail domains are refused (R-SA-4, R-PERM-8)',
          params: LicensingIdParams,
          body: ElearningDomainSchema,
          response: { 201: ElearningSetupSchema },
        },
      },
      async (req, reply) => reply.code(201).send(await elearning.addDomain(actorOf(req), req.params.licensingId, req.body.domain)),
    );

    app.delete(
      '/licensing-ids/:licensingId/e-learning/domains/:domain',
      {
        config: { action: 'sa.manage', target: 'params.licensingId' },
        schema: {
          tags,
          summary: 'Remove an eligible domain; removing the last one retires the access code (R-SA-4)',
          params: ElearningDomainParams,
          response: { 200: ElearningSetupSchema },
        },
      },
      async (req) => elearning.removeDomain(actorOf(req), req.params.licensingId, req.params.domain),
    );

    app.get(
      '/licensing-ids/:licensingId/e-learning/participants',
      {
        config: { action: 'sa.view', target: 'params.licensingId' },
        schema: {
          tags,
          summary:
            'The employees counted as e-Learning participants, newest first, optionally on one domain; not to an SA Manager whose duties leave e-Learning out (R-SA-4, R-PERM-8)',
          params: LicensingIdParams,
          querystring: ElearningParticipantsQuery,
          response: { 200: ElearningParticipantsSchema },
        },
      },
      async (req) => {
        const { mayRemove } = await mustListParticipants(db, actorOf(req), req.params.licensingId);
        return { ...(await listParticipants(db, req.params.licensingId, req.query)), mayRemove };
      },
    );

    app.delete(
      '/licensing-ids/:licensingId/e-learning/participants/:participantId',
      {
        config: { action: 'sa.manage', target: 'params.licensingId' },
        schema: {
          tags,
          summary:
            'Remove an employee from the e-Learning participants: their unit returns to the benefit, they are mailed, and may join again with the code (R-SA-4, R-PERM-8)',
          params: ElearningParticipantParams,
          response: { 200: ElearningSetupSchema },
        },
      },
      async (req) => elearning.removeParticipant(actorOf(req), req.params.licensingId, req.params.participantId),
    );

    app.post(
      '/e-learning/redeem',
      {
        // Any signed-in employee: the code and their own address on an eligible domain are what admit them.
        config: { action: 'self' },
        schema: {
          tags,
          summary:
            'Redeem an e-Learning access code with my own work address: it must be on an eligible domain (ELEARNING_ADDRESS_NOT_ELIGIBLE); counts me once as a participant (R-SA-4)',
          body: ElearningRedeemSchema,
          response: { 200: ElearningRedemptionSchema },
        },
      },
      async (req) => elearning.redeem(actorOf(req), req.body.accessCode),
    );

    benefitUserRoutes(app, benefitUsers);
    trainingProviderRoutes(app, providers, redemption);

    app.get(
      '/operator/sa-benefit-rules',
      {
        config: { action: 'operator' },
        schema: { tags, summary: 'The publisher’s benefit rules (R-SA-1)', response: { 200: BenefitRulesSchema } },
      },
      async () => ({ rules: await rules.list() }),
    );

    app.put(
      '/operator/sa-benefit-rules',
      {
        config: { action: 'operator' },
        schema: {
          tags,
          summary:
            'Replace the benefit rules: which benefit, which pools or product codes qualify, how much per SA-covered license (null for an unmeasured benefit) (R-SA-1)',
          body: BenefitRulesSchema,
          response: { 200: BenefitRulesSchema },
        },
      },
      async (req) => ({ rules: await rules.replace(actorOf(req), req.body.rules) }),
    );

    app.get(
      '/operator/sa-benefits/licensing-ids',
      {
        config: { action: 'operator' },
        schema: {
          tags,
          summary:
            'Find any customer’s Licensing IDs by number (or its beginning), to see their benefits; one number may stand in several programs (R-SA-1, R-SA-2)',
          querystring: LicensingIdLookupQuerySchema,
          response: { 200: LicensingIdMatchesSchema },
        },
      },
      async (req) => ({ items: await reader.findByNumber(req.query.number) }),
    );

    app.get(
      '/operator/licensing-ids/:licensingId/sa-benefits',
      {
        config: { action: 'operator' },
        schema: {
          tags,
          summary: 'The benefits of any Licensing ID, for the publisher, with when and why each one on hold was held (R-SA-1, R-SA-2)',
          params: LicensingIdParams,
          response: { 200: OperatorLicensingIdBenefitsSchema },
        },
      },
      async (req) => {
        const found = await reader.ofLicensingId(db, req.params.licensingId);
        if (!found) throw notFound('Licensing ID');
        return { ...found, holds: await holds.holdsOf(req.params.licensingId) };
      },
    );

    for (const [verb, hold] of [
      ['hold', true],
      ['release', false],
    ] as const) {
      app.post(
        `/operator/licensing-ids/:licensingId/sa-benefits/:benefit/${verb}`,
        {
          config: { action: 'operator' },
          schema: {
            tags,
            summary: hold
              ? 'Put a benefit on hold (HAR) for the reason given; its Administrators and SA Managers are mailed the reason (R-SA-2)'
              : 'Lift the hold (HAR) from a benefit for the reason given; its Administrators and SA Managers are mailed the reason (R-SA-2)',
            params: BenefitParams,
            body: HoldReasonSchema,
            response: { 200: BenefitSchema },
          },
        },
        async (req) => (hold ? holds.hold : holds.release)(actorOf(req), req.params.licensingId, req.params.benefit, req.body.reason),
      );
    }
  };
}
