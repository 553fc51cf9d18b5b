import { defineProblems } from '../../../platform/i18n/problems.js';

/** R-BC-2, R-BC-3: why a sales package or an agreement edit is refused. */
export const BC_AGREEMENTS_PROBLEMS = defineProblems({
  SALES_PACKAGE_ALREADY_SIGNED: {
    en: 'This sales package is already signed; it cannot be signed or changed again.',
    sv: 'Det här försäljningspaketet är redan undertecknat; det kan inte undertecknas eller ändras igen.',
  },
  SALES_PACKAGE_WITHDRAWN: {
    en: 'The partner withdrew this sales package; it can no longer be signed. Ask your partner for a new one.',
    sv: 'Partnern har dragit tillbaka det här försäljningspaketet; det kan inte längre undertecknas. Be din partner om ett nytt.',
  },
  SALES_PACKAGE_NOT_SENT: {
    en: 'This sales package has not been sent for signature yet.',
    sv: 'Det här försäljningspaketet har inte skickats för underskrift än.',
  },
  SALES_PACKAGE_NOT_DRAFT: {
    en: 'Only a draft sales package can be edited or sent.',
    sv: 'Bara ett utkast till försäljningspaket kan ändras eller skickas.',
  },
  SALES_PACKAGE_ACCOUNT_NOT_SERVED: {
    en: 'Your organization no longer serves this purchasing account: its draft can no longer be edited or sent.',
    sv: 'Din organisation betjänar inte längre det här inköpskontot: utkastet kan inte längre ändras eller skickas.',
  },
  SALES_PACKAGE_NOT_WITHDRAWABLE: {
    en: 'Only a sales package sent and not yet signed can be withdrawn.',
    sv: 'Bara ett försäljningspaket som har skickats men inte undertecknats kan dras tillbaka.',
  },
  SALES_PACKAGE_TAMPERED: {
    en: 'The stored document no longer matches the one that was sent (its SHA-256 differs). It cannot be signed; contact your partner.',
    sv: 'Det lagrade dokumentet stämmer inte längre med det som skickades (dess SHA-256 skiljer sig). Det kan inte undertecknas; kontakta din partner.',
  },
  SALES_PACKAGE_CONSENT_REQUIRED: {
    en: 'To sign electronically, type your full name and consent to signing electronically.',
    sv: 'För att underteckna elektroniskt skriver du ditt fullständiga namn och samtycker till elektronisk underskrift.',
  },
  SALES_PACKAGE_TERMS_EMPTY: {
    en: 'A sales package needs at least one product line or a written offer.',
    sv: 'Ett försäljningspaket behöver minst en produktrad eller ett skrivet erbjudande.',
  },
  SALES_PACKAGE_NO_SIGNED_COPY: {
    en: 'This sales package has no signed copy yet.',
    sv: 'Det här försäljningspaketet har ingen undertecknad kopia än.',
  },
  UPLOAD_NOT_PDF: {
    en: 'The file is not a PDF. Upload the signed sales package as a PDF.',
    sv: 'Filen är inte en PDF. Ladda upp det undertecknade försäljningspaketet som PDF.',
  },
  UPLOAD_TOO_LARGE: {
    en: 'The file is larger than 10 MB. Scan it at a lower resolution and upload it again.',
    sv: 'Filen är större än 10 MB. Skanna den med lägre upplösning och ladda upp den igen.',
  },
  AGREEMENT_NOT_ACTIVE: {
    en: 'Only an active agreement’s anniversary month can be changed.',
    sv: 'Bara ett aktivt avtals årsdagsmånad kan ändras.',
  },
});
