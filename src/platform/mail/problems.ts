import { defineProblems } from '../i18n/problems.js';

export const MAIL_PROBLEMS = defineProblems({
  MAIL_VIEWER_OFF: {
    en: 'This deployment delivers mail over SMTP, so the mail viewer is off: mail to customers is read by its recipients only.',
    sv: 'Den här installationen levererar e-post via SMTP, så e-postvisaren är avstängd: e-post till kunder läses bara av mottagarna.',
  },
});
