import { defineProblems } from '../../platform/i18n/problems.js';

/** The back office's view of deliveries to the publisher's provisioning system. */
export const PROVISIONING_PROBLEMS = defineProblems({
  PROVISIONING_EVENT_NOT_FOUND: {
    en: 'There is no provisioning event with this id.',
    sv: 'Det finns ingen provisioneringshändelse med det här id:t.',
  },
  PROVISIONING_EVENT_NOT_REDELIVERABLE: {
    en: 'This event is still queued for delivery; only a delivered or failed event can be sent again.',
    sv: 'Händelsen väntar fortfarande på leverans; bara en levererad eller misslyckad händelse kan skickas igen.',
  },
  PROVISIONING_NOT_CONFIGURED: {
    en: 'No provisioning system is configured (PROVISIONING_WEBHOOK_URL), so nothing can be sent. Events stay queued until it is.',
    sv: 'Inget provisioneringssystem är konfigurerat (PROVISIONING_WEBHOOK_URL), så inget kan skickas. Händelserna väntar tills det är gjort.',
  },
});
