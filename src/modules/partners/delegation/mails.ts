import { defineMails } from '../../../platform/mail/templates.js';

/**
 * R-SA-7: the customer's Administrators hear of a partner's request (to decide it) and of its
 * withdrawal; the partner (its notification address and the user who asked) hears each decision.
 */
export const delegationMails = defineMails({
  delegationRequested: {
    subject: {
      en: '{partner} asks to manage your Software Assurance benefits',
      sv: '{partner} ber om att få hantera era Software Assurance-förmåner',
    },
    body: {
      en: 'Hello {firstName},\n\n{requester} of your partner {partner} asks to manage your Software Assurance benefits for these Licensing IDs: {licensingIds}.\n\nIf you approve, its users may manage domains, access codes, authorized users and training vouchers, download software and view product keys of those Licensing IDs, until you remove the permission.\n\n[Approve or deny the request]({url})',
      sv: 'Hej {firstName},\n\n{requester} på er partner {partner} ber om att få hantera era Software Assurance-förmåner för dessa licens-ID:n: {licensingIds}.\n\nOm ni godkänner får partnerns användare hantera domäner, åtkomstkoder, behöriga användare och utbildningsvoucher, ladda ned programvara och se produktnycklar för de licens-ID:na, tills ni tar bort tillståndet.\n\n[Godkänn eller neka begäran]({url})',
    },
  },
  delegationWithdrawn: {
    subject: {
      en: '{partner} withdrew its request to manage your benefits',
      sv: '{partner} har dragit tillbaka sin begäran om att hantera era förmåner',
    },
    body: {
      en: 'Hello {firstName},\n\n{partner} withdrew its request to manage your Software Assurance benefits for {licensingIds}. Nothing more is needed from you.',
      sv: 'Hej {firstName},\n\n{partner} har dragit tillbaka sin begäran om att hantera era Software Assurance-förmåner för {licensingIds}. Ni behöver inte göra något mer.',
    },
  },
  delegationApproved: {
    subject: {
      en: '{customer} approved your request to manage its benefits',
      sv: '{customer} har godkänt er begäran om att hantera dess förmåner',
    },
    body: {
      en: 'Hello,\n\n{decidedBy} of {customer} approved that {partner} manages its Software Assurance benefits for {licensingIds}, until the customer removes the permission.\n\n[Benefit permissions]({url})',
      sv: 'Hej,\n\n{decidedBy} på {customer} har godkänt att {partner} hanterar kundens Software Assurance-förmåner för {licensingIds}, tills kunden tar bort tillståndet.\n\n[Förmånstillstånd]({url})',
    },
  },
  delegationDenied: {
    subject: {
      en: '{customer} denied your request to manage its benefits',
      sv: '{customer} har nekat er begäran om att hantera dess förmåner',
    },
    body: {
      en: 'Hello,\n\n{decidedBy} of {customer} denied that {partner} manages its Software Assurance benefits for {licensingIds}.\n\n[Benefit permissions]({url})',
      sv: 'Hej,\n\n{decidedBy} på {customer} har nekat att {partner} hanterar kundens Software Assurance-förmåner för {licensingIds}.\n\n[Förmånstillstånd]({url})',
    },
  },
  delegationRemoved: {
    subject: {
      en: '{customer} removed your permission to manage its benefits',
      sv: '{customer} har tagit bort ert tillstånd att hantera dess förmåner',
    },
    body: {
      en: 'Hello,\n\n{decidedBy} of {customer} removed the permission of {partner} to manage its Software Assurance benefits for {licensingIds}. It ends now.\n\n[Benefit permissions]({url})',
      sv: 'Hej,\n\n{decidedBy} på {customer} har tagit bort tillståndet för {partner} att hantera kundens Software Assurance-förmåner för {licensingIds}. Det upphör nu.\n\n[Förmånstillstånd]({url})',
    },
  },
});
