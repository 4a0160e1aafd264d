/** serverless-esbuild settings that differ between running locally and packaging. */
const offline = (): boolean => process.argv.includes('offline');

/**
 * The work folder. `sls offline` run alone loads handlers from its folder while it runs (the local
 * platform's services load the platform's bundles instead: prebuiltLocation below). `sls
 * package`/`deploy` delete their folder when they finish: .esbuild/package keeps them away from a
 * service running alone.
 */
export const workFolder = (): string => (offline() ? '.esbuild' : '.esbuild/package');

/**
 * Locally the AWS SDK is resolved from node_modules instead of bundled into every function: the
 * same pinned version, and half the start-up time (bundling the SDK is most of esbuild's work).
 * Packages for AWS bundle the pinned, tree-shaken clients, so what runs there is what was tested.
 */
export const exclude = (): string[] => (offline() ? ['@aws-sdk/*'] : []);

/**
 * The local platform bundles every service's handlers itself, once per change of their sources
 * (scripts/local/bundle.ts), and says where with PLATFORM_BUNDLES: `sls offline` then loads
 * <dir>/<service>/src/handlers/*.js (serverless-offline's `location`) and needs no bundler of its
 * own. Unset (a service run alone with `npx sls offline`, packaging): serverless-esbuild bundles.
 */
export const prebuiltLocation = (service: string): string | undefined => {
  const dir = process.env.PLATFORM_BUNDLES;
  return offline() && dir ? `${dir}/${service}` : undefined;
};
