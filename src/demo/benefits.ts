import { saBenefitRule } from '../modules/software-assurance/tables.js';
import type { Tx } from '../platform/db/client.js';

/**
 * Benefit rules (R-SA-1) that give the demo orders a benefit of every unit: desktop applications
 * under SA give e-Learning, Home Use Program, training days and the Multi-Language Pack; servers
 * give support incidents, planning days and Global Service Monitor. The Open Value agreement's
 * coverage ends 2026-12-31, so its benefits show the expiry flags as that day nears.
 */
export async function seedDemoBenefitRules(tx: Tx) {
  await tx.insert(saBenefitRule).values([
    { benefit: 'E_LEARNING', pools: ['APPLICATIONS'], perLicense: '1' },
    { benefit: 'HOME_USE_PROGRAM', pools: ['APPLICATIONS'], perLicense: '1' },
    { benefit: 'TRAINING_VOUCHERS', pools: ['APPLICATIONS'], perLicense: '0.02' },
    { benefit: 'TRAINING_VOUCHERS', pools: ['SERVERS'], perLicense: '0.5' },
    { benefit: 'MULTI_LANGUAGE_PACK', pools: ['APPLICATIONS'], perLicense: '1' },
    { benefit: 'SUPPORT_24X7', pools: ['SERVERS'], perLicense: '0.5' },
    { benefit: 'PLANNING_SERVICES', productCodes: ['SRV-DC-2022'], perLicense: '0.25' },
    { benefit: 'GLOBAL_SERVICE_MONITOR', pools: ['SERVERS'], perLicense: '1' },
  ]);
}
