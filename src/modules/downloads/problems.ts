import { defineProblems } from '../../platform/i18n/problems.js';

/** R-DL-1 … R-DL-7: the catalog, file serving, signed links and the back office's uploads. */
export const DOWNLOADS_PROBLEMS = defineProblems({
  DOWNLOAD_NOT_AVAILABLE: {
    en: 'This product is not available for download.',
    sv: 'Den här produkten är inte tillgänglig för nedladdning.',
  },
  LINK_EXPIRED: {
    en: 'This download link has expired. Start the download again from Downloads and Keys.',
    sv: 'Nedladdningslänken har gått ut. Starta nedladdningen igen från Nedladdningar och nycklar.',
  },
  LINK_INVALID: {
    en: 'This download link is not valid.',
    sv: 'Nedladdningslänken är inte giltig.',
  },
  RANGE_NOT_SATISFIABLE: {
    en: 'The requested part of the file lies beyond its end.',
    sv: 'Den begärda delen av filen ligger bortom filens slut.',
  },
  INVALID_FILE_NAME: {
    en: 'The file name may not contain slashes, "..", control characters or a leading dot.',
    sv: 'Filnamnet får inte innehålla snedstreck, "..", styrtecken eller en inledande punkt.',
  },
  CHECKSUM_MISMATCH: {
    en: 'The file’s SHA-256 does not match the checksum sent with it; nothing was kept.',
    sv: 'Filens SHA-256 stämmer inte med den kontrollsumma som skickades; inget sparades.',
  },
  UPLOAD_NOT_OCTET_STREAM: {
    en: 'Send the file’s bytes as the body, with Content-Type: application/octet-stream.',
    sv: 'Skicka filens byte som innehåll, med Content-Type: application/octet-stream.',
  },
  EMPTY_FILE: {
    en: 'The file is empty.',
    sv: 'Filen är tom.',
  },
  CAL_HAS_NO_DOWNLOAD: {
    en: 'A Client Access License has no download.',
    sv: 'En klientåtkomstlicens har ingen nedladdning.',
  },
  DOWNLOAD_FILE_EXISTS: {
    en: 'The product already has a file with this name for this language, system and architecture.',
    sv: 'Produkten har redan en fil med det här namnet för det här språket, systemet och arkitekturen.',
  },
});
