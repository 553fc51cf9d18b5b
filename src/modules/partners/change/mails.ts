import { defineMails } from '../../../platform/mail/templates.js';

/**
 * R-REL-6, change of channel partner: the new partner's notification contact is asked (and told
 * when the customer withdraws), the requester and the customer's Administrators hear of every
 * outcome, and the old partner hears at acceptance that it hands over after the grace period.
 */
export const partnerChangeMails = defineMails({
  partnerChangeRequested: {
    subject: {
      en: '{customer} asks you to become its channel partner ({reference})',
      sv: '{customer} ber er att bli dess kanalpartner ({reference})',
    },
    body: {
      en: 'Hello {contactName},\n\n{requester} of {customer} asks {partner} to become the channel partner of record of these Licensing IDs: {licensingIds}.\n\nAccept or decline by {respondBy}; after that the request expires. After you accept, the change takes effect after a grace period of {graceDays} days, and the current partner remains partner of record until then.\n\n[Accept or decline the request]({url})',
      sv: 'Hej {contactName},\n\n{requester} på {customer} ber {partner} att bli registrerad kanalpartner för dessa licens-ID:n: {licensingIds}.\n\nGodkänn eller avböj senast {respondBy}; därefter upphör begäran. När ni har godkänt träder bytet i kraft efter en övergångsperiod på {graceDays} dagar, och den nuvarande partnern är registrerad partner fram till dess.\n\n[Godkänn eller avböj begäran]({url})',
    },
  },
  partnerChangeWithdrawn: {
    subject: {
      en: '{customer} withdrew its change of channel partner ({reference})',
      sv: '{customer} har dragit tillbaka sitt byte av kanalpartner ({reference})',
    },
    body: {
      en: 'Hello {contactName},\n\n{customer} canceled its request that {partner} become the channel partner of record of {licensingIds}. Nothing more is needed from you.',
      sv: 'Hej {contactName},\n\n{customer} har avbrutit sin begäran om att {partner} ska bli registrerad kanalpartner för {licensingIds}. Ni behöver inte göra något mer.',
    },
  },
  partnerChangeAccepted: {
    subject: {
      en: '{partner} accepted your change of channel partner ({reference})',
      sv: '{partner} har godkänt ert byte av kanalpartner ({reference})',
    },
    body: {
      en: 'Hello {firstName},\n\n{decidedBy} of {partner} accepted becoming the channel partner of record of {licensingIds}. The change takes effect on {effectiveAt}, after the grace period; until then {oldPartners} remains partner of record.\n\n[See the request]({url})',
      sv: 'Hej {firstName},\n\n{decidedBy} på {partner} har godkänt att bli registrerad kanalpartner för {licensingIds}. Bytet träder i kraft {effectiveAt}, efter övergångsperioden; fram till dess är {oldPartners} registrerad partner.\n\n[Se begäran]({url})',
    },
  },
  partnerChangeDeclined: {
    subject: {
      en: '{partner} declined your change of channel partner ({reference})',
      sv: '{partner} har avböjt ert byte av kanalpartner ({reference})',
    },
    body: {
      en: 'Hello {firstName},\n\n{decidedBy} of {partner} declined becoming the channel partner of record of {licensingIds}. Your current partner remains partner of record.\n\n[See the request]({url})',
      sv: 'Hej {firstName},\n\n{decidedBy} på {partner} har avböjt att bli registrerad kanalpartner för {licensingIds}. Er nuvarande partner är fortfarande registrerad partner.\n\n[Se begäran]({url})',
    },
  },
  partnerChangeExpired: {
    subject: {
      en: 'Your change of channel partner expired unanswered ({reference})',
      sv: 'Ert byte av kanalpartner har upphört utan svar ({reference})',
    },
    body: {
      en: 'Hello {firstName},\n\n{partner} did not answer your request to become the channel partner of record of {licensingIds} by {respondBy}, so the request has expired. Your current partner remains partner of record; you can start a new request.\n\n[See the request]({url})',
      sv: 'Hej {firstName},\n\n{partner} svarade inte på er begäran om att bli registrerad kanalpartner för {licensingIds} senast {respondBy}, så begäran har upphört. Er nuvarande partner är fortfarande registrerad partner; ni kan starta en ny begäran.\n\n[Se begäran]({url})',
    },
  },
  partnerChangeCanceled: {
    subject: {
      en: 'Your change of channel partner was canceled ({reference})',
      sv: 'Ert byte av kanalpartner har avbrutits ({reference})',
    },
    body: {
      en: 'Hello {firstName},\n\n{canceledBy} canceled the request that {partner} become the channel partner of record of {licensingIds}. Your current partner remains partner of record.\n\n[See the request]({url})',
      sv: 'Hej {firstName},\n\n{canceledBy} har avbrutit begäran om att {partner} ska bli registrerad kanalpartner för {licensingIds}. Er nuvarande partner är fortfarande registrerad partner.\n\n[Se begäran]({url})',
    },
  },
  partnerChangeCompleted: {
    subject: {
      en: '{partner} is now your channel partner ({reference})',
      sv: '{partner} är nu er kanalpartner ({reference})',
    },
    body: {
      en: 'Hello {firstName},\n\nThe grace period has ended: {partner} is now the channel partner of record of {licensingIds}. The completed request form can be downloaded from the request.\n\n[See the request]({url})',
      sv: 'Hej {firstName},\n\nÖvergångsperioden är slut: {partner} är nu registrerad kanalpartner för {licensingIds}. Den ifyllda begärandeblanketten kan laddas ned från begäran.\n\n[Se begäran]({url})',
    },
  },
  partnerChangeHandover: {
    subject: {
      en: '{customer} is moving to another channel partner ({reference})',
      sv: '{customer} byter till en annan kanalpartner ({reference})',
    },
    body: {
      en: 'Hello,\n\n{customer} has changed its channel partner for {licensingIds} from {oldPartner} to {partner}, and {partner} has accepted. {oldPartner} remains partner of record until the grace period ends on {effectiveAt}, and hands over then.',
      sv: 'Hej,\n\n{customer} har bytt kanalpartner för {licensingIds} från {oldPartner} till {partner}, och {partner} har godkänt. {oldPartner} är registrerad partner tills övergångsperioden slutar {effectiveAt}, och lämnar över då.',
    },
  },
});

/** Words the mails fill in, in each language. */
export const PARTNER_CHANGE_WORDS = {
  noPartner: { en: 'no partner', sv: 'ingen partner' },
} as const;
