/**
 * /gift-tracker/config.json: what the Gift Tracker app needs at run time to talk to the Cognito
 * user pool (its API endpoint, the pool and the app client), from the platform's environment
 * (COGNITO_ENDPOINT, COGNITO_USER_POOL_ID, COGNITO_CLIENT_ID). On the local stage the endpoint is
 * cognito-local (which answers CORS for any origin); on AWS, `cognito-idp.<region>.amazonaws.com`.
 * See docs/web.md, "Gift Tracker".
 */
export const GIFT_TRACKER_CONFIG_PATH = '/gift-tracker/config.json';

export interface GiftTrackerConfig {
  cognito: { endpoint: string; region: string; userPoolId: string; clientId: string } | null;
}

export function giftTrackerConfig(env: NodeJS.ProcessEnv = process.env): GiftTrackerConfig {
  const region = env.AWS_REGION ?? 'us-east-1';
  const { COGNITO_USER_POOL_ID: userPoolId, COGNITO_CLIENT_ID: clientId } = env;
  if (!userPoolId || !clientId) return { cognito: null };
  const endpoint = env.COGNITO_ENDPOINT ?? `https://cognito-idp.${region}.amazonaws.com`;
  return { cognito: { endpoint: endpoint.replace(/\/+$/, ''), region, userPoolId, clientId } };
}
