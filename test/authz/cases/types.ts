/**
 * How to call each API route in the generated authorization walk. A route missing here fails the
 * walk, so every new route is walked for every role and both organizations.
 * `:licensingId` is replaced by the own or the foreign Licensing ID; other params by `params`
 * (another organization's real record by a FOREIGN stand-in).
 */
export interface RouteCase {
  body?: unknown;
  query?: string;
  params?: Record<string, string>;
  /** Walk this route after all others (it ends the sessions the walk uses). */
  last?: boolean;
}

export const NIL = '00000000-0000-4000-8000-000000000000';

/**
 * Another organization's (Fabrikam's) real records, by the walk's stand-ins: the walk puts in their
 * ids and expects every Contoso user 404, exactly as for a record that does not exist. A nil id
 * answers 404 for any reason; another tenant's real record answers 404 only when the query is
 * scoped. Records every organization shares (the catalog) and the operator's routes keep NIL.
 */
export const FOREIGN = {
  user: '{fabrikam:user}',
  licensingId: '{fabrikam:licensing-id}',
  organization: '{fabrikam:organization}',
  agreement: '{fabrikam:agreement}',
  agreementRecord: '{fabrikam:agreement-record}',
  productKey: '{fabrikam:product-key}',
  permissionRequest: '{fabrikam:permission-request}',
  apiToken: '{fabrikam:api-token}',
  scimToken: '{fabrikam:scim-token}',
  passkey: '{fabrikam:passkey}',
  supportRequest: '{fabrikam:support-request}',
  supportAttachment: '{fabrikam:support-attachment}',
  benefitDelegation: '{fabrikam:benefit-delegation}',
  subscriptionAssignment: '{fabrikam:subscription-assignment}',
  purchasingAccount: '{fabrikam:purchasing-account}',
} as const;
export type ForeignRecord = (typeof FOREIGN)[keyof typeof FOREIGN];
