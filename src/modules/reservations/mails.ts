import { defineMails } from '../../platform/mail/templates.js';

/**
 * R-RES-3, R-RES-5: the submitter and the enrollment's Administrators hear of each reservation and
 * its cancellation. R-RES-4: the Administrators hear when the publisher fixes or unfixes a
 * service's price for their enrollment, since it changes what they may reserve.
 */
export const reservationMails = defineMails({
  reservationSubmitted: {
    subject: {
      en: 'Reservation on {licensingId}: {quantity} × {service}',
      sv: 'Reservation på {licensingId}: {quantity} × {service}',
    },
    body: {
      en: 'Hello {firstName},\n\n{submitter} reserved {quantity} × {service} ({action}) on {licensingName} ({licensingId}), usage date {usageDate}.\n\nIt can be cancelled until {cancellableUntil} (72 hours after submission). After that it cannot be changed and is a financial commitment at the enrollment’s true-up.\n\n[Open the reservations]({url})',
      sv: 'Hej {firstName},\n\n{submitter} reserverade {quantity} × {service} ({action}) på {licensingName} ({licensingId}), användningsdatum {usageDate}.\n\nDen kan avbokas till och med {cancellableUntil} (72 timmar efter att den skickades). Därefter kan den inte ändras och är ett ekonomiskt åtagande vid registreringens true-up.\n\n[Öppna reservationerna]({url})',
    },
  },
  reservationCancelled: {
    subject: {
      en: 'Reservation cancelled on {licensingId}: {quantity} × {service}',
      sv: 'Reservation avbokad på {licensingId}: {quantity} × {service}',
    },
    body: {
      en: 'Hello {firstName},\n\n{canceller} cancelled the reservation of {quantity} × {service} ({action}) on {licensingName} ({licensingId}), usage date {usageDate}. It will not be part of the true-up.\n\n[Open the reservations]({url})',
      sv: 'Hej {firstName},\n\n{canceller} avbokade reservationen av {quantity} × {service} ({action}) på {licensingName} ({licensingId}), användningsdatum {usageDate}. Den ingår inte i true-up.\n\n[Öppna reservationerna]({url})',
    },
  },
  priceLockAdded: {
    subject: {
      en: 'Fixed price for {service} on {licensingId}',
      sv: 'Fast pris för {service} på {licensingId}',
    },
    body: {
      en: 'Hello {firstName},\n\nThe publisher fixed the price of {service} for {licensingName} ({licensingId}). If the service is offered for License Reservation Only, it can now be reserved online without a prior purchase.\n\n[Open the reservations]({url})',
      sv: 'Hej {firstName},\n\nUtgivaren har fastställt ett fast pris för {service} för {licensingName} ({licensingId}). Om tjänsten erbjuds som endast licensreservation kan den nu reserveras online utan ett tidigare köp.\n\n[Öppna reservationerna]({url})',
    },
  },
  priceLockRemoved: {
    subject: {
      en: 'Fixed price removed for {service} on {licensingId}',
      sv: 'Fast pris borttaget för {service} på {licensingId}',
    },
    body: {
      en: 'Hello {firstName},\n\nThe publisher removed the fixed price of {service} for {licensingName} ({licensingId}). If the service is offered for License Reservation Only, it can be reserved online only after a prior purchase; your partner can order it.\n\n[Open the reservations]({url})',
      sv: 'Hej {firstName},\n\nUtgivaren har tagit bort det fasta priset för {service} för {licensingName} ({licensingId}). Om tjänsten erbjuds som endast licensreservation kan den bara reserveras online efter ett tidigare köp; din partner kan beställa den.\n\n[Öppna reservationerna]({url})',
    },
  },
});

/** The actions as the mails name them. */
export const ACTION_NAMES = {
  en: { ADD_LICENSE: 'Add License', STEP_UP_LICENSE: 'Step-up License' },
  sv: { ADD_LICENSE: 'Lägg till licens', STEP_UP_LICENSE: 'Uppgradera licens' },
} as const;
