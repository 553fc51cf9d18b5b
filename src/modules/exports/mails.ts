import { defineMails } from '../../platform/mail/templates.js';

/** The requester hears when a background export is ready, or failed; the file itself stays in the portal. */
export const exportsMails = defineMails({
  exportReady: {
    subject: {
      en: 'Your export {fileName} is ready',
      sv: 'Din export {fileName} är klar',
    },
    body: {
      en: 'Hello {firstName},\n\nYour export {fileName} is ready: {rows} row(s). Download it from the Exports page until {expiresOn}; after that it is deleted.\n\n[Open Exports]({url})',
      sv: 'Hej {firstName},\n\nDin export {fileName} är klar: {rows} rad(er). Ladda ned den från sidan Exporter till och med {expiresOn}; därefter tas den bort.\n\n[Öppna Exporter]({url})',
    },
  },
  exportFailed: {
    subject: {
      en: 'Your export {fileName} failed',
      sv: 'Din export {fileName} misslyckades',
    },
    body: {
      en: 'Hello {firstName},\n\nYour export {fileName} could not be written after {attempts} attempt(s) (code {code}). Start it again from the portal; if it fails again, contact support.\n\n[Open Exports]({url})',
      sv: 'Hej {firstName},\n\nDin export {fileName} kunde inte skrivas efter {attempts} försök (kod {code}). Starta den igen från portalen; kontakta supporten om den misslyckas igen.\n\n[Öppna Exporter]({url})',
    },
  },
});
