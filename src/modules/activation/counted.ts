import { DomainError } from '../../platform/errors.js';
import type { MetricsRecorder } from '../../platform/metrics/registry.js';

export type ActivationKind = 'mak' | 'proxy' | 'kms_host';

/** One machine's answer as the metrics label it: its status, and the problem code of a refusal. */
export interface CountedOutcome {
  status: string;
  code?: string | undefined;
}

/**
 * Runs an activation and counts its answers for /metrics: each machine's status (a proxy request
 * answers for many), or the refusal's problem code when the whole request is refused. A retry that
 * gets its first answer again is an answer too: the metric counts answers, the key counts machines.
 */
export async function counted<T>(
  metrics: MetricsRecorder,
  kind: ActivationKind,
  run: () => Promise<T>,
  outcomes: (answer: T) => readonly CountedOutcome[],
): Promise<T> {
  let answer: T;
  try {
    answer = await run();
  } catch (e) {
    if (e instanceof DomainError && e.status < 500) metrics.activation(kind, 'refused', e.code);
    else metrics.activation(kind, 'error');
    throw e;
  }
  for (const o of outcomes(answer)) metrics.activation(kind, o.status.toLowerCase(), o.code);
  return answer;
}
