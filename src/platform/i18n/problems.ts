import type { Locale } from './locale.js';

/**
 * Titles of the problem codes, in every language. The portal has its own copy for its screens;
 * these serve API clients and scripts, which read `title` in the language they asked for.
 */
export type ProblemTitles = Record<string, Record<Locale, string>>;

/** Each module defines the titles of its own codes with this; src/problems.ts gathers them. */
export const defineProblems = <T extends ProblemTitles>(titles: T): T => titles;

export const PLATFORM_PROBLEMS: ProblemTitles = {
  NOT_FOUND: { en: 'Not found.', sv: 'Hittades inte.' },
  ROUTE_NOT_FOUND: { en: 'There is no such address.', sv: 'Adressen finns inte.' },
  FORBIDDEN: { en: 'Your roles do not allow this.', sv: 'Dina roller tillåter inte detta.' },
  UNAUTHENTICATED: { en: 'Sign in to continue.', sv: 'Logga in för att fortsätta.' },
  INVALID_CREDENTIALS: {
    en: 'The e-mail address or password is not correct.',
    sv: 'E-postadressen eller lösenordet är inte korrekt.',
  },
  PERSONAL_ACCOUNT: {
    en: 'Sign in with your work account; personal e-mail addresses are not accepted.',
    sv: 'Logga in med ditt arbetskonto; personliga e-postadresser godtas inte.',
  },
  RATE_LIMITED: {
    en: 'Too many attempts. Wait a few minutes and try again.',
    sv: 'För många försök. Vänta några minuter och försök igen.',
  },
  VALIDATION_FAILED: { en: 'Some fields are not valid.', sv: 'Några fält är inte giltiga.' },
  INVALID_CURSOR: {
    en: 'The list position is not valid; start from the first page.',
    sv: 'Positionen i listan är inte giltig; börja från första sidan.',
  },
  INVALID_CHARACTERS: {
    en: 'Some fields contain characters that cannot be stored (a NUL character or a broken Unicode character).',
    sv: 'Några fält innehåller tecken som inte kan sparas (ett NUL-tecken eller ett trasigt Unicode-tecken).',
  },
  MALFORMED_JSON: { en: 'The request body is not valid JSON.', sv: 'Begärans innehåll är inte giltig JSON.' },
  PAYLOAD_TOO_LARGE: { en: 'The request body is too large.', sv: 'Begärans innehåll är för stort.' },
  UNSUPPORTED_MEDIA_TYPE: { en: 'Send the body as JSON.', sv: 'Skicka innehållet som JSON.' },
  CSRF_FAILED: {
    en: 'The request could not be verified. Reload the page and try again.',
    sv: 'Begäran kunde inte verifieras. Ladda om sidan och försök igen.',
  },
  INTERNAL: {
    en: 'Something went wrong on our side. Try again; if it persists, quote the request id.',
    sv: 'Något gick fel hos oss. Försök igen; om felet kvarstår, ange begärans id.',
  },
};

export function problemTitle(titles: ProblemTitles, code: string, locale: Locale, fallback: string): string {
  return titles[code]?.[locale] ?? fallback;
}
