/** Who is calling: passed first to every service call. */
export interface Actor {
  userId: string;
  organizationId: string;
  email: string;
  locale: 'en' | 'sv';
  isOperator: boolean;
  via: 'session' | 'token';
  requestId: string;
}
