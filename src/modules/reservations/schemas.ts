import { z } from 'zod';
import { RESERVATION_ACTIONS, RESERVATION_CATEGORIES } from './rules.js';

export const LicensingIdParams = z.object({ licensingId: z.uuid() });
export const ReservationParams = z.object({ reservationId: z.uuid() });

const Day = z.iso.date();

export const UsageWindowSchema = z.object({ from: Day, to: Day });

const PartnerContactSchema = z.object({ name: z.string(), email: z.string(), number: z.string() }).nullable();

export const ReservableEnrollmentSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  name: z.string(),
  program: z.string(),
  endDate: z.string().nullable(),
  usageWindow: UsageWindowSchema,
  /** Why it cannot reserve now (R-RES-1, R-RES-2, R-RES-4), or null. */
  refusal: z.string().nullable(),
});

export const ReservableEnrollmentsSchema = z.object({ items: z.array(ReservableEnrollmentSchema) });

export const ReservableServiceSchema = z.object({
  productId: z.uuid(),
  code: z.string(),
  name: z.string(),
  category: z.enum(RESERVATION_CATEGORIES),
  /** Why it cannot be reserved (R-RES-4), or null when it can. */
  refusal: z.string().nullable(),
});

export const ReservableServicesSchema = z.object({
  enrollment: ReservableEnrollmentSchema,
  partner: PartnerContactSchema,
  services: z.array(ReservableServiceSchema),
});

export const ReservationInputSchema = z.object({
  productId: z.uuid(),
  action: z.enum(RESERVATION_ACTIONS),
  quantity: z.number().int().min(1).max(1_000_000),
  usageDate: Day,
  /** R-RES-5: the commitment terms, accepted explicitly; false is refused. */
  acceptTerms: z.boolean(),
});

export const ReservationSchema = z.object({
  id: z.uuid(),
  licensingId: z.uuid(),
  licensingNumber: z.string(),
  licensingName: z.string(),
  productId: z.uuid(),
  serviceCode: z.string(),
  serviceName: z.string(),
  action: z.enum(RESERVATION_ACTIONS),
  quantity: z.number().int(),
  usageDate: Day,
  submittedAt: z.string(),
  submittedBy: z.string(),
  cancelledAt: z.string().nullable(),
  cancellableUntil: z.string(),
  cancellable: z.boolean(),
});

export const HISTORY_VIEWS = ['reservation', 'service', 'licensing-id'] as const;
export const HistoryQuerySchema = z.object({ view: z.enum(HISTORY_VIEWS).default('reservation') });

export const HistoryGroupSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Reserved and not cancelled in this group, per action. */
  reserved: z.object({ ADD_LICENSE: z.number().int(), STEP_UP_LICENSE: z.number().int() }),
  items: z.array(ReservationSchema),
});

export const HistorySchema = z.object({
  view: z.enum(HISTORY_VIEWS),
  groups: z.array(HistoryGroupSchema),
  /** Who to contact about a reservation that can no longer be cancelled, per enrollment (R-RES-3). */
  partners: z.array(z.object({ licensingId: z.uuid(), partner: PartnerContactSchema })),
});

export const TrueUpSchema = z.object({
  asOf: z.string(),
  enrollment: z.object({ id: z.uuid(), number: z.string(), name: z.string(), anniversary: z.string().nullable() }),
  lines: z.array(
    z.object({
      productId: z.uuid(),
      serviceCode: z.string(),
      serviceName: z.string(),
      action: z.enum(RESERVATION_ACTIONS),
      quantity: z.number().int(),
    }),
  ),
  /** Reservations still cancellable: not yet owed, shown apart. */
  pending: z.number().int(),
  /** The running total of everything reserved and not cancelled (committed and pending). */
  reservedTotal: z.number().int(),
});

/** R-RES-4: the publisher's back office. */
export const ProductParams = z.object({ productId: z.uuid() });
export const PriceLockParams = LicensingIdParams.extend({ productId: z.uuid() });

export const OnlineServiceOfferSchema = z.object({
  productId: z.uuid(),
  code: z.string(),
  name: z.string(),
  category: z.enum(RESERVATION_CATEGORIES),
});
export const OnlineServiceOffersSchema = z.object({ items: z.array(OnlineServiceOfferSchema) });
export const OfferCategoryInputSchema = z.object({ category: z.enum(RESERVATION_CATEGORIES) });

export const PriceLockInputSchema = z.object({ productId: z.uuid() });
export const PriceLocksSchema = z.object({
  licensingId: z.object({
    id: z.uuid(),
    number: z.string(),
    name: z.string(),
    program: z.string(),
    /** Only Enterprise-family enrollments reserve (R-RES-1), so only they take a fixed price. */
    mayLock: z.boolean(),
  }),
  /** The online services whose price is fixed for the enrollment. */
  items: z.array(OnlineServiceOfferSchema),
});
