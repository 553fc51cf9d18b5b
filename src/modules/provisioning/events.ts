/**
 * What the service center tells the publisher's provisioning system. The names are the webhook
 * `type`s the receiver sees; the payload is the event's `data`.
 */
export const PROVISIONING_EVENT_TYPES = [
  'service.activation', // an enrollment (or an Open license) linked to a service account: provision it
  'service.renewal', // a renewal linked to the existing account: move subscriptions over
  'service.deprovision', // subscriptions In Grace past their grace period: take them away
] as const;
export type ProvisioningEventType = (typeof PROVISIONING_EVENT_TYPES)[number];

export interface ProvisioningEvent {
  type: ProvisioningEventType;
  /** The thing the event is about (a service-account link, a subscription), for the delivery log. */
  subject: string;
  data: Record<string, unknown>;
}
