/** Jest globalTeardown of the `integration` project: stops what global-setup started. */
import type { Platform } from '../../scripts/local/platform';

const PLATFORM_KEY = '__LOCAL_PLATFORM__'; // as in global-setup.ts

export default async function globalTeardown(): Promise<void> {
  const platform = (globalThis as Record<string, unknown>)[PLATFORM_KEY] as Platform | undefined;
  if (!platform) return;
  await platform.stop();
  delete (globalThis as Record<string, unknown>)[PLATFORM_KEY];
}
