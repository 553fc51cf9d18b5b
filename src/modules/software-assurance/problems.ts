import { defineProblems } from '../../platform/i18n/problems.js';

/** R-SA-1, R-SA-2, R-SA-4, R-SA-5, R-SA-6, R-PERM-8: activating, holding and using benefits, and the publisher's rules. */
export const SA_PROBLEMS = defineProblems({
  SA_BENEFIT_NOT_OFFERED: {
    en: 'This Licensing ID has no such benefit: none of its Software Assurance coverage qualifies for it.',
    sv: 'Det här licens-ID:t har ingen sådan förmån: ingen av dess Software Assurance-täckningar ger rätt till den.',
  },
  SA_BENEFIT_NO_ACTIVATION: {
    en: 'This benefit is used without activation.',
    sv: 'Den här förmånen används utan aktivering.',
  },
  SA_BENEFIT_ALREADY_ACTIVATED: {
    en: 'This benefit is already activated.',
    sv: 'Den här förmånen är redan aktiverad.',
  },
  SA_BENEFIT_ON_HOLD: {
    en: 'The publisher has put this benefit on hold (HAR); it cannot be activated until the hold is lifted.',
    sv: 'Utgivaren har pausat den här förmånen (HAR); den kan inte aktiveras förrän pausen hävs.',
  },
  SA_BENEFIT_EXPIRED: {
    en: 'The Software Assurance coverage of this benefit has expired; no further action is possible.',
    sv: 'Software Assurance-täckningen för den här förmånen har gått ut; inget mer kan göras.',
  },
  SA_BENEFIT_NOT_ON_HOLD: {
    en: 'This benefit is not on hold.',
    sv: 'Den här förmånen är inte pausad.',
  },
  SA_BENEFIT_GROUP_NOT_HELD: {
    en: 'Your Software Assurance Manager role does not include this benefit; an Administrator can add it.',
    sv: 'Din roll som Software Assurance-ansvarig omfattar inte den här förmånen; en administratör kan lägga till den.',
  },
  SA_BENEFIT_NOT_ACTIVATED: {
    en: 'This benefit must be activated before it can be used.',
    sv: 'Den här förmånen måste aktiveras innan den kan användas.',
  },
  SA_NOT_ENOUGH_REMAINING: {
    en: 'That is more than remains of this benefit; nothing was assigned.',
    sv: 'Det är mer än vad som återstår av förmånen; inget tilldelades.',
  },
  SA_VOUCHER_REDEEMED: {
    en: 'This training voucher has been redeemed by a training provider and can no longer be cancelled or redeemed.',
    sv: 'Den här utbildningsvouchern har lösts in hos en utbildningsleverantör och kan inte längre annulleras eller lösas in.',
  },
  SA_VOUCHER_CANCELLED: {
    en: 'This training voucher has been cancelled.',
    sv: 'Den här utbildningsvouchern har annullerats.',
  },
  ELEARNING_DOMAIN_INVALID: {
    en: 'That is not a valid domain name, such as contoso.com.',
    sv: 'Det är inte ett giltigt domännamn, till exempel contoso.com.',
  },
  ELEARNING_DOMAIN_PERSONAL: {
    en: 'A personal-mail domain cannot be eligible: anyone could use the benefit with it.',
    sv: 'En domän för privat e-post kan inte vara berättigad: vem som helst skulle kunna använda förmånen med den.',
  },
  ELEARNING_DOMAIN_EXISTS: {
    en: 'This domain is already eligible.',
    sv: 'Den här domänen är redan berättigad.',
  },
  ELEARNING_CODE_UNKNOWN: {
    en: 'No e-Learning benefit has this access code. Check it with your Software Assurance manager.',
    sv: 'Ingen e-learning-förmån har den här åtkomstkoden. Kontrollera den med din Software Assurance-ansvarige.',
  },
  ELEARNING_ADDRESS_NOT_ELIGIBLE: {
    en: 'Your e-mail address is not on one of the domains eligible for this e-Learning benefit.',
    sv: 'Din e-postadress tillhör inte någon av domänerna som är berättigade till den här e-learning-förmånen.',
  },
  SA_BENEFIT_USER_EXISTS: {
    en: 'This e-mail address is already a user of this benefit.',
    sv: 'Den här e-postadressen är redan användare av förmånen.',
  },
  SA_RULE_INVALID: {
    en: 'A benefit rule is not valid: a measured benefit needs a quantity per license, an unmeasured one none, and each rule a pool or product.',
    sv: 'En förmånsregel är inte giltig: en mätt förmån behöver ett antal per licens, en omätt inget, och varje regel en pool eller produkt.',
  },
  SA_RULE_PRODUCT_UNKNOWN: {
    en: 'A benefit rule names a product code that is not in the catalog.',
    sv: 'En förmånsregel anger en produktkod som inte finns i katalogen.',
  },
});
