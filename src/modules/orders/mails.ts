import { defineMails } from '../../platform/mail/templates.js';

/** R-BC-7: the Administrators of a Licensing ID learn of every order recorded on it. */
export const ordersMails = defineMails({
  orderRecorded: {
    subject: {
      en: 'Order {orderNumber} was recorded on Licensing ID {licensingNumber}',
      sv: 'Order {orderNumber} har registrerats på licens-ID {licensingNumber}',
    },
    body: {
      en: 'Hello {firstName},\n\nOrder {orderNumber} of {orderDate} from your partner was recorded on {licensingName} ({licensingNumber}): {lineCount} lines, {totalQuantity} licenses in all.\n\nThe licenses appear in the License Summary from their coverage start. Orders cannot be changed in the service center; for corrections, contact your partner.\n\n[License Summary]({url})',
      sv: 'Hej {firstName},\n\nOrder {orderNumber} från {orderDate} från din partner har registrerats på {licensingName} ({licensingNumber}): {lineCount} rader, {totalQuantity} licenser totalt.\n\nLicenserna visas i licenssammanfattningen från och med täckningens startdatum. Order kan inte ändras i servicecentret; kontakta din partner för rättelser.\n\n[Licenssammanfattning]({url})',
    },
  },
});
