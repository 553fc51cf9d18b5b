import type { Config } from '../../../config.js';
import type { Clock } from '../../../platform/clock.js';
import { startDailyJob } from '../../../platform/daily-job.js';
import type { Db } from '../../../platform/db/client.js';
import type { OnboardingPorts } from './ports.js';
import { createOnboardingService } from './service.js';

export interface ExpiryScheduleOptions {
  /** How often the clock is read (see startDailyJob). */
  pollMs?: number;
  onError?: (error: unknown) => void;
  /** Hears the numbers each run expired (the start banner's log). */
  onExpired?: (numbers: string[]) => void;
}

/**
 * Issue 12: the server expires due Licensing IDs by itself, once a day by the clock it is given,
 * as the operator's "Run expiry now" does (audited with no actor: the service center did it).
 * Several nodes may run it at once: expireDue locks the rows it expires, so the second finds none.
 */
export function startExpirySchedule(
  deps: { db: Db; config: Config; clock: Clock },
  ports: OnboardingPorts,
  { pollMs, onError, onExpired }: ExpiryScheduleOptions = {},
) {
  const onboarding = createOnboardingService({ ...deps, ...ports });
  return startDailyJob({
    clock: deps.clock,
    pollMs,
    onError,
    run: async () => {
      const expired = await onboarding.expireDue(null);
      if (expired.length > 0) onExpired?.(expired);
    },
  });
}
