import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import { activationModule } from './modules/activation/routes.js';
import { auditModule } from './modules/audit/routes.js';
import { bcAgreementsModule } from './modules/business-center/agreements/routes.js';
import { purchasingAccountBackOfficeModule } from './modules/business-center/back-office/routes.js';
import { inventoryModule } from './modules/business-center/inventory/routes.js';
import { orderHistoryModule } from './modules/business-center/order-history/routes.js';
import { businessCenterModule } from './modules/business-center/routes.js';
import { selfProvisioningOrderHook } from './modules/business-center/self-provisioning/order-hook.js';
import { selfProvisioningModule } from './modules/business-center/self-provisioning/routes.js';
import { accountUsersModule } from './modules/business-center/users/routes.js';
import { catalogModule } from './modules/catalog/routes.js';
import { downloadsModule } from './modules/downloads/routes.js';
import { exportsModule } from './modules/exports/routes.js';
import { secondFactorModule } from './modules/identity/mfa/routes.js';
import { recoveryModule } from './modules/identity/recovery/routes.js';
import { registrationModule } from './modules/identity/registration/routes.js';
import { identityRoutes } from './modules/identity/routes.js';
import { scimModule } from './modules/identity/scim/routes.js';
import { createIdentityService } from './modules/identity/service.js';
import { installAuthentication } from './modules/identity/sign-in/authenticate.js';
import { signInRoutes } from './modules/identity/sign-in/routes.js';
import { createSignInService } from './modules/identity/sign-in/service.js';
import { ssoModule } from './modules/identity/sso/routes.js';
import { keysModule } from './modules/keys/routes.js';
import { onlineServicesOrderHook } from './modules/online-services/activation.js';
import { onlineServicesModule } from './modules/online-services/routes.js';
import { ordersModule } from './modules/orders/routes.js';
import { partnerChangeModule } from './modules/partners/change/routes.js';
import { benefitDelegationModule } from './modules/partners/delegation/routes.js';
import { partnerRecordsForRelationship } from './modules/partners/for-relationship.js';
import { partnerOfRecordForReservations } from './modules/partners/for-reservations.js';
import { partnersModule } from './modules/partners/routes.js';
import { addOpenModule } from './modules/permissions/add-open/routes.js';
import { contactGrantsForRelationship } from './modules/permissions/contact-grants.js';
import { roleGrantsForIdentity } from './modules/permissions/for-identity.js';
import { resellerModule } from './modules/permissions/reseller/routes.js';
import { permissionsModule } from './modules/permissions/routes.js';
import { userAccountModule } from './modules/permissions/users/account/routes.js';
import { pendingDeliveries } from './modules/provisioning/depth.js';
import { provisioningModule } from './modules/provisioning/routes.js';
import { onboardingModule } from './modules/relationship/onboarding/routes.js';
import { relationshipRoutes } from './modules/relationship/routes.js';
import { createRelationshipService } from './modules/relationship/service.js';
import { reportsModule } from './modules/reports/routes.js';
import { reservationsModule } from './modules/reservations/routes.js';
import { providerCredential } from './modules/software-assurance/providers/credential.js';
import { softwareAssuranceModule } from './modules/software-assurance/routes.js';
import { subscriptionsModule } from './modules/subscriptions/routes.js';
import { supportModule } from './modules/support/routes.js';
import type { Clock } from './platform/clock.js';
import type { Database } from './platform/db/client.js';
import { installDrain } from './platform/http/drain.js';
import { installGuard } from './platform/http/guard.js';
import { healthRoutes } from './platform/http/health.js';
import { type LogDestination, loggerOptions } from './platform/http/log-redaction.js';
import { openApiOptions } from './platform/http/openapi.js';
import { installPortal } from './platform/http/portal.js';
import { problemSender } from './platform/http/problem.js';
import { echoRequestId, requestIdOf } from './platform/http/request-id.js';
import { installSecurityHeaders } from './platform/http/security-headers.js';
import { installTextGuard } from './platform/http/text-guard.js';
import { ALL_PROBLEMS } from './problems.js';
import './platform/http/types.js';
import { outboxDepth } from './platform/mail/outbox.js';
import { mailViewerRoutes } from './platform/mail/routes.js';
import { installMetrics } from './platform/metrics/http.js';
import { createMetrics } from './platform/metrics/registry.js';
import type { ModuleDeps, ModuleRoutes } from './platform/module.js';
import type { Secrets } from './platform/secrets.js';

export interface AppDeps {
  config: Config;
  database: Database;
  clock: Clock;
  secrets: Secrets;
  version?: string;
  /** Where the built portal lives; tests point elsewhere or nowhere. */
  webRoot?: string;
  /** false: no log; a destination: the log goes there (tests read it); otherwise standard output. */
  logger?: false | LogDestination;
}

/**
 * A plugin with a name for Fastify's plugin tree. Fastify names an unnamed one by searching the
 * whole require cache for it, once per plugin: for our ~40 plugins a noticeable part of a start.
 */
function named<T extends object>(name: string, plugin: T): T {
  return Object.assign(plugin, { [Symbol.for('fastify.display-name')]: name });
}

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;

/**
 * Every schema is zod's (the compilers are also set on the app): named here, Fastify does not load
 * its own (ajv, fast-json-stringify), which no route uses and whose loading is a noticeable part of
 * a start (issue 17). Fastify's types name ajv's signatures; zod's compilers are its general ones.
 */
const zodCompilers: CompilersFactory = {
  buildValidator: (() => validatorCompiler) as unknown as CompilersFactory['buildValidator'],
  buildSerializer: (() => serializerCompiler) as unknown as CompilersFactory['buildSerializer'],
};

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, database, clock } = deps;
  const { db } = database;
  const version = deps.version ?? '0.1.0';
  const app = Fastify({
    logger: deps.logger === false ? false : loggerOptions(config.LOG_LEVEL, deps.logger),
    // Every log line of a request carries its id (reqId): a proxy's X-Request-Id when it is acceptable, else a new one.
    genReqId: requestIdOf,
    bodyLimit: config.BODY_LIMIT_BYTES,
    // Only the configured balancers' forwarded-for headers count (TRUST_PROXY); by default none.
    trustProxy: config.TRUST_PROXY ?? false,
    routerOptions: { ignoreTrailingSlash: true },
    schemaController: { compilersFactory: zodCompilers },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // First, so that every request (a 404 too) is counted in flight and answered right while the node drains.
  const drain = installDrain(app);
  app.decorate('drain', drain);
  const sendProblem = problemSender(ALL_PROBLEMS);
  app.setErrorHandler(sendProblem);
  // The API speaks JSON only; anything else is 415, not a string that fails validation later.
  app.removeContentTypeParser('text/plain');
  installTextGuard(app);
  echoRequestId(app);
  const metrics = createMetrics();
  metrics.pool(database.pool);
  metrics.gaugeOnScrape('lsc_mail_outbox_depth', 'Mails not sent yet (queued, retrying or given up)', () => outboxDepth(db));
  metrics.gaugeOnScrape('lsc_provisioning_outbox_depth', 'Provisioning events waiting for delivery (queued or retrying)', () =>
    pendingDeliveries(db),
  );
  const replica = database.reads.replica;
  if (replica) {
    metrics.gaugeOnScrape(
      'lsc_db_replica_serving',
      'Report reads go to the replica (1) or, while it is unreachable, to the primary (0)',
      async () => (replica.serving() === 'replica' ? 1 : 0),
    );
    // Once per change, not per failed connect: a replica that is down would otherwise log every report.
    replica.onChange((serving, cause) => {
      if (serving === 'primary')
        app.log.warn({ err: cause }, 'the read replica is unreachable: report reads go to the primary until it is back');
      else app.log.info('the read replica is reachable again: report reads go to it');
    });
  }
  installMetrics(app, metrics, config.METRICS_TOKEN);
  const securityPolicies = installSecurityHeaders(app, { https: config.publicUrl.startsWith('https:') });

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, openApiOptions(version));
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: securityPolicies.docs, uiConfig: { validatorUrl: null } });
  installAuthentication(app, db, clock, [providerCredential(db)]);
  installGuard(app, db);

  app.get('/api/openapi.json', { config: { action: 'public' }, schema: { hide: true } }, async () => app.swagger());
  await app.register(
    named('health', healthRoutes({ database, version, draining: () => drain.draining, databaseTimeoutMs: config.READY_DB_TIMEOUT_MS })),
  );

  const moduleDeps: ModuleDeps = { db, reads: database.reads.db, database, config, clock, secrets: deps.secrets, metrics };
  const identity = createIdentityService({ db, config, clock });
  const signIn = createSignInService({ db, config, clock, me: identity.me });
  const relationship = createRelationshipService({ db });
  const v1: ModuleRoutes[] = [
    signInRoutes(signIn, { secureCookies: config.publicUrl.startsWith('https:') }),
    identityRoutes(identity),
    registrationModule(moduleDeps, roleGrantsForIdentity),
    secondFactorModule(moduleDeps, identity),
    recoveryModule(moduleDeps),
    ssoModule(moduleDeps, roleGrantsForIdentity),
    relationshipRoutes(relationship),
    onboardingModule(moduleDeps, { grants: contactGrantsForRelationship, partners: partnerRecordsForRelationship }),
    partnersModule(moduleDeps, contactGrantsForRelationship),
    benefitDelegationModule(moduleDeps),
    permissionsModule(moduleDeps),
    userAccountModule(moduleDeps),
    addOpenModule(moduleDeps),
    resellerModule(moduleDeps),
    catalogModule(moduleDeps),
    // R-OS-1: an order's first online-service line starts its activation, in the order's transaction.
    // R-BC-5: an order of a self-provisioned service marks the request ORDERED, in the same transaction.
    ordersModule(moduleDeps, [onlineServicesOrderHook(config), selfProvisioningOrderHook()]),
    reportsModule(moduleDeps),
    keysModule(moduleDeps),
    activationModule(moduleDeps),
    downloadsModule(moduleDeps),
    auditModule(moduleDeps),
    supportModule(moduleDeps),
    partnerChangeModule(moduleDeps),
    softwareAssuranceModule(moduleDeps),
    reservationsModule(moduleDeps, partnerOfRecordForReservations),
    provisioningModule(moduleDeps),
    onlineServicesModule(moduleDeps),
    subscriptionsModule(moduleDeps),
    businessCenterModule(moduleDeps),
    exportsModule(moduleDeps),
    bcAgreementsModule(moduleDeps),
    accountUsersModule(moduleDeps),
    purchasingAccountBackOfficeModule(moduleDeps),
    orderHistoryModule(moduleDeps),
    inventoryModule(moduleDeps),
    selfProvisioningModule(moduleDeps),
    mailViewerRoutes(db, { smtp: Boolean(config.SMTP_URL) }),
  ];
  await app.register(
    named('api-v1', async (api: FastifyInstance) => {
      for (const [i, routes] of v1.entries()) {
        await api.register(named(`api-v1 module ${i + 1}`, routes));
        // Registering is one long run of microtasks: between modules, I/O gets its turn, so that a
        // database starting meanwhile (lsc start) is answered as it comes up, not after the app is built.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }),
    { prefix: '/api/v1' },
  );
  await app.register(named('scim', scimModule(moduleDeps, roleGrantsForIdentity)), { prefix: '/scim/v2' });
  await installPortal(app, sendProblem, deps.webRoot, securityPolicies.withStyleNonce);
  return app;
}
