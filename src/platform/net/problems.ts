import { defineProblems } from '../i18n/problems.js';

/** Outbound requests to addresses customers choose (SSRF defence). */
export const NET_PROBLEMS = defineProblems({
  OUTBOUND_ADDRESS_REFUSED: {
    en: 'The server does not connect to this address: it is loopback, private, link-local or otherwise not public. Give an address on the internet.',
    sv: 'Servern ansluter inte till den här adressen: den är en loopback-, privat, länklokal eller annan icke-offentlig adress. Ange en adress på internet.',
  },
});
