/** Login throttling (docs/api.md#rate-limits): 5 failed logins for one email within 15 minutes -> 429 until the window ends. */
export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60 * 1000;

export interface FailureWindow {
  count: number;
  windowStart: number; // epoch ms
}

/** Seconds until the account may try again, or 0 when it may try now. */
export function retryAfterSeconds(failures: FailureWindow | undefined, now: number): number {
  if (!failures || failures.count < MAX_FAILURES) return 0;
  const endsAt = failures.windowStart + WINDOW_MS;
  return endsAt > now ? Math.ceil((endsAt - now) / 1000) : 0;
}
