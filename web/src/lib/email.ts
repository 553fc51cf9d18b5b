const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * What is wrong with an e-mail address typed into a form, before it is sent (trimmed by the
 * caller): the `required` message when it is empty, `invalid` when it is not an address.
 */
export function emailProblem(address: string, messages: { required: string; invalid: string }): string | undefined {
  if (!address) return messages.required;
  return EMAIL_PATTERN.test(address) ? undefined : messages.invalid;
}
