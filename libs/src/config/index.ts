/**
 * Runtime configuration, read from the environment once per container. Each service's
 * serverless.ts fills the environment per stage (config/stages.yml); the local platform passes the local values.
 */
export interface PlatformConfig {
  stage: string;
  service: string;
  region: string;
  tablePrefix: string;
  dynamodbEndpoint?: string;
  s3Endpoint?: string;
  corsOrigins: string[];
  auth: {
    issuer: string;
    audience: string;
    jwks?: string; // inline public JWKS (JSON text) of the platform's own signing keys
    jwksUrl?: string; // or where to fetch it
  };
  cognito: {
    issuer?: string; // http://localhost:9229/<poolId> locally, https://cognito-idp.<region>.amazonaws.com/<poolId> on AWS
    clientId?: string;
    userPoolId?: string;
  };
}

const env = (name: string): string | undefined => {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
};

let cached: PlatformConfig | undefined;

export function config(): PlatformConfig {
  if (cached) return cached;
  const stage = env('STAGE') ?? 'local';
  const region = env('AWS_REGION') ?? 'us-east-1';
  const userPoolId = env('COGNITO_USER_POOL_ID');
  cached = {
    stage,
    service: env('SERVICE_NAME') ?? 'platform',
    region,
    tablePrefix: env('TABLE_PREFIX') ?? `platform-${stage}`,
    dynamodbEndpoint: env('DYNAMODB_ENDPOINT'),
    s3Endpoint: env('S3_ENDPOINT'),
    corsOrigins: (env('CORS_ORIGINS') ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    auth: {
      issuer: env('AUTH_ISSUER') ?? 'http://localhost:3000/auth',
      audience: env('AUTH_AUDIENCE') ?? 'platform-api',
      jwks: env('AUTH_JWKS'),
      jwksUrl: env('AUTH_JWKS_URL'),
    },
    cognito: {
      issuer: env('COGNITO_ISSUER') ?? (userPoolId ? `https://cognito-idp.${region}.amazonaws.com/${userPoolId}` : undefined),
      clientId: env('COGNITO_CLIENT_ID'),
      userPoolId,
    },
  };
  return cached;
}

/** For tests that change the environment between cases. */
export function resetConfig(): void {
  cached = undefined;
}

/**
 * How long the platform waits on a dependency (DynamoDB, S3): a connection in 1 s, an answer in
 * 2 s, two attempts in all. So a dependency that is down or stalled costs a request about 4 s and
 * becomes a 503 with Retry-After, well before API Gateway's 29 s (or the function's timeout).
 */
export const DEPENDENCY_TIMEOUTS = { maxAttempts: 2, requestHandler: { connectionTimeout: 1000, requestTimeout: 2000, throwOnRequestTimeout: true } } as const;
