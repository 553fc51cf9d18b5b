/** Pure rules of who may sign in with which address. */

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function emailDomain(email: string): string {
  return normalizeEmail(email).split('@').pop() ?? '';
}

/** R-ID-1: personal-mail domains (a configurable list) are not work accounts. */
export function isPersonalAddress(email: string, personalDomains: readonly string[]): boolean {
  return personalDomains.includes(emailDomain(email));
}

const SHARED_LOCAL_PARTS =
  /^(it|info|admin|office|support|sales|licens(e|ing)|purchasing|it[-_.]?department|helpdesk|team|contact|noreply|no-reply)$/;

/** R-ID-5: one person, one account. Warn (never refuse) when an address looks like a shared mailbox. */
export function looksShared(email: string): boolean {
  const local = normalizeEmail(email).split('@')[0] ?? '';
  return SHARED_LOCAL_PARTS.test(local);
}
