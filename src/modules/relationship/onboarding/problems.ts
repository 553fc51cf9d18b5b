import { defineProblems } from '../../../platform/i18n/problems.js';
import type { OnboardingErrorCode } from './rules.js';

/** The operator's onboarding of organizations, agreements, Licensing IDs and contacts of record (R-REL-6). */
export const ONBOARDING_PROBLEMS = defineProblems({
  AGREEMENT_INVALID: {
    en: 'The agreement was not onboarded: some values are not valid. Nothing was written.',
    sv: 'Avtalet registrerades inte: några värden är ogiltiga. Inget sparades.',
  },
  AGREEMENT_CONFLICT: {
    en: 'An agreement with this number was already onboarded with different content.',
    sv: 'Ett avtal med det här numret har redan registrerats med annat innehåll.',
  },
  NOT_AN_ENROLLMENT: {
    en: 'Only an enrollment is renewed this way.',
    sv: 'Bara en anmälan (enrollment) förnyas på det här sättet.',
  },
  RENEWAL_NOT_LATER: {
    en: 'A renewal must end later than the current term.',
    sv: 'En förnyelse måste sluta senare än den nuvarande perioden.',
  },
  NOT_AN_OPEN_LICENSE: {
    en: 'Only an Open License changes owner.',
    sv: 'Bara en Open License kan byta ägare.',
  },
  SAME_OWNER: {
    en: 'The organization already owns this license.',
    sv: 'Organisationen äger redan den här licensen.',
  },
});

/** The reason for each refused value of an agreement, in every language (the `errors[].message` of AGREEMENT_INVALID). */
export const ONBOARDING_MESSAGES: Record<OnboardingErrorCode, { en: string; sv: string }> = {
  UNKNOWN_PROGRAM: {
    en: 'Not a program of the service center (ENTERPRISE, SELECT_PLUS, OPEN_LICENSE, …).',
    sv: 'Inte ett program i servicecentret (ENTERPRISE, SELECT_PLUS, OPEN_LICENSE, …).',
  },
  MBSA_NOT_ALLOWED: { en: 'Open programs have no MBSA.', sv: 'Open-program har inget MBSA.' },
  UNKNOWN_PARTNER: {
    en: 'No channel partner has this partner number. Register the partner first.',
    sv: 'Ingen kanalpartner har det här partnernumret. Registrera partnern först.',
  },
  PARENT_OF_OTHER_ORGANIZATION: {
    en: 'This MBSA or parent agreement belongs to another organization.',
    sv: 'Det här MBSA:t eller huvudavtalet tillhör en annan organisation.',
  },
  ORGANIZATION_CONFLICT: {
    en: 'These domains belong to an organization of another name.',
    sv: 'De här domänerna tillhör en organisation med ett annat namn.',
  },
  LICENSING_ID_TAKEN: {
    en: 'A Licensing ID with this program and number exists already.',
    sv: 'Det finns redan ett licens-ID med det här programmet och numret.',
  },
  DUPLICATE_LICENSING_ID: { en: 'This Licensing ID is named twice.', sv: 'Det här licens-ID:t anges två gånger.' },
  DUPLICATE_CONTACT: { en: 'This kind of contact is named twice.', sv: 'Den här typen av kontakt anges två gånger.' },
  PERSONAL_ACCOUNT: {
    en: 'Personal e-mail addresses cannot be contacts; give a work address.',
    sv: 'Personliga e-postadresser kan inte vara kontakter; ange en arbetsadress.',
  },
  END_BEFORE_START: { en: 'The term ends before it starts.', sv: 'Perioden slutar innan den börjar.' },
  INVALID_VALUE: { en: 'This value is not valid here.', sv: 'Värdet är inte giltigt här.' },
  MISSING_VALUE: { en: 'This value is required.', sv: 'Värdet krävs.' },
  AGREEMENT_HEADER_MISMATCH: {
    en: 'The rows of one agreement must name the same organization, program, term and MBSA.',
    sv: 'Raderna för ett avtal måste ange samma organisation, program, period och MBSA.',
  },
};
