import { exportsMails } from './modules/exports/mails.js';
import { identityMails } from './modules/identity/mails.js';
import { secondFactorMails } from './modules/identity/mfa/mails.js';
import { recoveryMails } from './modules/identity/recovery/mails.js';
import { keysMails } from './modules/keys/mails.js';
import { onlineServicesMails } from './modules/online-services/mails.js';
import { ordersMails } from './modules/orders/mails.js';
import { partnerChangeMails } from './modules/partners/change/mails.js';
import { partnerMails } from './modules/partners/mails.js';
import { addOpenMails, permissionsMails } from './modules/permissions/mails.js';
import { provisioningMails } from './modules/provisioning/mails.js';
import { onboardingMails } from './modules/relationship/onboarding/mails.js';
import { saMails } from './modules/software-assurance/mails.js';
import { subscriptionMails } from './modules/subscriptions/mails.js';
import { supportMails } from './modules/support/mails.js';
import type { MailTemplate } from './platform/mail/templates.js';

/** Every mail the service center sends, for the tests that check each exists in every language. */
const all = (mails: Record<string, MailTemplate>) => Object.values(mails);

export const ALL_MAILS: MailTemplate[] = [
  ...all(identityMails),
  ...all(recoveryMails),
  ...all(secondFactorMails),
  ...all(permissionsMails),
  ...all(addOpenMails),
  ...all(ordersMails),
  ...all(keysMails),
  ...all(supportMails),
  ...all(onboardingMails),
  ...all(partnerMails),
  ...all(partnerChangeMails),
  ...all(saMails),
  ...all(provisioningMails),
  ...all(onlineServicesMails),
  ...all(subscriptionMails),
  ...all(exportsMails),
];
