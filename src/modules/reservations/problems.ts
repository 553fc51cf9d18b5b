import { defineProblems } from '../../platform/i18n/problems.js';

/** R-RES-1…R-RES-5: why a reservation is refused or can no longer be cancelled; R-RES-4: why the publisher's back office refuses a change. */
export const RESERVATIONS_PROBLEMS = defineProblems({
  RESERVATION_PROGRAM_NOT_ELIGIBLE: {
    en: 'Only Enterprise Agreement, Enterprise Agreement Subscription and Enterprise Agreement for Government Partners enrollments can reserve online services.',
    sv: 'Endast registreringar under Enterprise Agreement, Enterprise Agreement Subscription och Enterprise Agreement for Government Partners kan reservera onlinetjänster.',
  },
  RESERVATION_AGREEMENT_NOT_ELIGIBLE: {
    en: 'Reservations need the updated Enterprise Agreement amendment or an agreement from 2011 or later; contact your partner.',
    sv: 'Reservationer kräver det uppdaterade tillägget till Enterprise Agreement eller ett avtal från 2011 eller senare; kontakta din partner.',
  },
  RESERVATION_ENROLLMENT_EXPIRED: {
    en: 'This enrollment has expired; no reservations can be placed. Ask your partner about ordering options.',
    sv: 'Den här registreringen har gått ut; inga reservationer kan göras. Fråga din partner om beställningsalternativ.',
  },
  RESERVATION_ENROLLMENT_LAST_MONTH: {
    en: 'This enrollment expires within a month; no reservations can be placed. Ask your partner about ordering options.',
    sv: 'Den här registreringen går ut inom en månad; inga reservationer kan göras. Fråga din partner om beställningsalternativ.',
  },
  RESERVATION_NOT_ONLINE_SERVICE: {
    en: 'Only online services can be reserved.',
    sv: 'Endast onlinetjänster kan reserveras.',
  },
  RESERVATION_NOT_CONFIGURED: {
    en: 'This service is not configured for online reservation; your partner must order it.',
    sv: 'Den här tjänsten är inte konfigurerad för onlinereservation; din partner måste beställa den.',
  },
  RESERVATION_NEEDS_PRIOR_PURCHASE: {
    en: 'This service can be reserved only after a prior purchase of it or with a fixed price; your partner can order it.',
    sv: 'Den här tjänsten kan bara reserveras efter ett tidigare köp av den eller med ett fast pris; din partner kan beställa den.',
  },
  RESERVATION_USAGE_DATE_OUT_OF_WINDOW: {
    en: 'The usage date must be between today and six months ahead, and within the enrollment.',
    sv: 'Användningsdatumet måste ligga mellan i dag och sex månader framåt, och inom registreringen.',
  },
  RESERVATION_TERMS_NOT_ACCEPTED: {
    en: 'Accept the reservation commitment to submit: a reservation is a financial commitment at true-up.',
    sv: 'Godkänn reservationsåtagandet för att skicka: en reservation är ett ekonomiskt åtagande vid true-up.',
  },
  RESERVATION_CANCEL_WINDOW_PASSED: {
    en: 'More than 72 hours have passed since this reservation was submitted; it can no longer be cancelled. Contact your partner.',
    sv: 'Mer än 72 timmar har gått sedan reservationen skickades; den kan inte längre avbokas. Kontakta din partner.',
  },
  RESERVATION_ALREADY_CANCELLED: {
    en: 'This reservation is already cancelled.',
    sv: 'Den här reservationen är redan avbokad.',
  },
  RESERVATION_OFFER_UNKNOWN_PRODUCT: {
    en: 'No product has this id.',
    sv: 'Det finns ingen produkt med detta id.',
  },
  RESERVATION_OFFER_NOT_ONLINE_SERVICE: {
    en: 'Only online services can be configured for reservation or given a fixed price.',
    sv: 'Endast onlinetjänster kan konfigureras för reservation eller få ett fast pris.',
  },
  RESERVATION_PRICE_LOCK_PROGRAM_NOT_ELIGIBLE: {
    en: 'Only Enterprise Agreement, Enterprise Agreement Subscription and Enterprise Agreement for Government Partners enrollments can have a fixed price for reservation.',
    sv: 'Endast registreringar under Enterprise Agreement, Enterprise Agreement Subscription och Enterprise Agreement for Government Partners kan få ett fast pris för reservation.',
  },
  RESERVATION_PRICE_LOCK_EXISTS: {
    en: 'This service already has a fixed price for this enrollment.',
    sv: 'Den här tjänsten har redan ett fast pris för den här registreringen.',
  },
  RESERVATION_PRICE_LOCK_UNKNOWN: {
    en: 'This service has no fixed price for this enrollment.',
    sv: 'Den här tjänsten har inget fast pris för den här registreringen.',
  },
});
