import { defineMails } from '../../../platform/mail/templates.js';

/**
 * R-BC-2: the account's agreement administrators and account administrators hear that a sales
 * package waits for their signature; the partner hears when it is signed (electronically or on
 * paper). R-BC-3: the account's administrators and the partner hear of edits to the account.
 */
export const bcAgreementMails = defineMails({
  salesPackageSent: {
    subject: {
      en: 'Sales package {number} is ready to sign ({account})',
      sv: 'Försäljningspaket {number} är klart att underteckna ({account})',
    },
    body: {
      en: 'Hello {firstName},\n\n{partner} has sent the sales package {number}, “{title}”, for the purchasing account {account}. Review it and sign it electronically, or print it, sign it on paper and upload the scan.\n\n[Review the sales package]({url})',
      sv: 'Hej {firstName},\n\n{partner} har skickat försäljningspaketet {number}, ”{title}”, för inköpskontot {account}. Granska det och underteckna det elektroniskt, eller skriv ut det, underteckna det på papper och ladda upp den skannade kopian.\n\n[Granska försäljningspaketet]({url})',
    },
  },
  salesPackageSigned: {
    subject: {
      en: '{account} signed sales package {number}',
      sv: '{account} har undertecknat försäljningspaket {number}',
    },
    body: {
      en: 'Hello {firstName},\n\n{signer} signed the sales package {number}, “{title}”, for {account} ({via}) on {signedAt}. The signed copy can be viewed and downloaded.\n\n[See the sales package]({url})',
      sv: 'Hej {firstName},\n\n{signer} undertecknade försäljningspaketet {number}, ”{title}”, för {account} ({via}) den {signedAt}. Den undertecknade kopian kan visas och laddas ned.\n\n[Se försäljningspaketet]({url})',
    },
  },
  salesPackageWithdrawn: {
    subject: {
      en: 'Sales package {number} was withdrawn ({account})',
      sv: 'Försäljningspaket {number} har dragits tillbaka ({account})',
    },
    body: {
      en: 'Hello {firstName},\n\n{partner} withdrew the sales package {number}, “{title}”, for {account}. It can no longer be signed.\n\n[See the sales packages]({url})',
      sv: 'Hej {firstName},\n\n{partner} har dragit tillbaka försäljningspaketet {number}, ”{title}”, för {account}. Det kan inte längre undertecknas.\n\n[Se försäljningspaketen]({url})',
    },
  },
  accountDetailsChanged: {
    subject: {
      en: 'Purchasing account {account}: {change}',
      sv: 'Inköpskonto {account}: {change}',
    },
    body: {
      en: 'Hello {firstName},\n\n{editor} changed the purchasing account {account}: {change}.\n\n[See the agreements]({url})',
      sv: 'Hej {firstName},\n\n{editor} har ändrat inköpskontot {account}: {change}.\n\n[Se avtalen]({url})',
    },
  },
});

/** How the mails name the way a package was signed, and the changes to an account. */
export const MAIL_WORDS = {
  en: {
    ELECTRONIC: 'electronically',
    PAPER: 'on paper',
    anniversary: (number: string, month: string) => `anniversary month of agreement ${number} set to ${month}`,
    address: 'address changed',
    contact: 'contact changed',
  },
  sv: {
    ELECTRONIC: 'elektroniskt',
    PAPER: 'på papper',
    anniversary: (number: string, month: string) => `årsdagsmånaden för avtal ${number} är nu ${month}`,
    address: 'adressen har ändrats',
    contact: 'kontaktpersonen har ändrats',
  },
} as const;
