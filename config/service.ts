/**
 * The one helper every services/<name>/serverless.ts is built with (Serverless Framework v3 loads
 * serverless.ts through ts-node). It writes once what every service shares: the framework header,
 * the plugins, the provider, `custom`, individual packaging, the CORS preflight routes and, for a
 * service that owns tables, their resources and serverless-dynamodb's `custom.dynamodb`.
 *
 *   export = defineService({
 *     service: 'loans',
 *     ownsTables: true,
 *     functions: {
 *       get: { handler: 'src/handlers/get.handler', http: 'GET /loans/{loanId}', grants: [linkPrincipal, read(table('loans'))] },
 *     },
 *   });
 *
 * `${...}` strings are Serverless variables, resolved by the framework as in any serverless.yml.
 */
import { dynamoDbLocal, type DynamoDbLocalConfig } from './dynamodb-local';
import { exclude, prebuiltLocation, workFolder } from './esbuild';
import { linkPrincipal, type Grant } from './grants';

export * from './grants';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** An API Gateway route, `METHOD /path`, under /<service> (the local gateway routes by that first segment). */
export type Route = `${Method} /${string}`;

export interface FunctionSpec {
  /** file and export, relative to the service: 'src/handlers/get.handler' */
  handler: string;
  http?: Route;
  /** a route anyone may call (register, login, ...): no authorizer in front of it */
  public?: true;
  /** a schedule expression: 'rate(1 day)' */
  schedule?: string;
  /** seconds; default 10 (the provider's). API functions stay within API Gateway's 29 s. */
  timeout?: number;
  memorySize?: number;
  /** added to the provider's environment */
  environment?: Record<string, string>;
  /** its own IAM role's statements (serverless-iam-roles-per-function), one grant each; none: no data access */
  grants?: Grant[];
}

export interface ServiceSpec {
  service: string;
  functions: Record<string, FunctionSpec>;
  /** the tables of resources/tables.json (config/dynamodb-tables.js), and serverless-dynamodb for them locally */
  ownsTables?: boolean;
  /** more CloudFormation: `{ Resources }`, `{ Outputs }`, or a `${file(...)}` builder */
  resources?: Array<Record<string, unknown>>;
}

/** What serverless.ts exports (the subset of the framework's configuration these services use). */
export interface ServerlessConfig {
  service: string;
  frameworkVersion: '3';
  configValidationMode: 'warn';
  plugins?: string[];
  provider: typeof provider;
  custom: typeof custom & { dynamodb?: DynamoDbLocalConfig };
  package?: { individually: boolean };
  functions?: Record<string, Record<string, unknown>>;
  resources?: Array<Record<string, unknown>>;
}

const provider = {
  name: 'aws',
  // nodejs22.x deploys, but serverless v3's schema predates it: hence configValidationMode `warn`.
  runtime: 'nodejs22.x',
  architecture: 'arm64',
  stage: "${opt:stage, 'local'}",
  region: "${opt:region, 'us-east-1'}",
  memorySize: '${self:custom.stage.memorySize}',
  timeout: 10,
  logRetentionInDays: '${self:custom.stage.logRetentionInDays}',
  versionFunctions: false,
  apiGateway: { minimumCompressionSize: 1024 },
  // The deployment bucket serverless creates: private (its encryption, AES256, is the framework's default).
  deploymentBucket: { blockPublicAccess: true },
  // Access logs of every API stage, in JSON (config/api-access-log.js); execution logs off. The account's
  // API Gateway CloudWatch role is set once per account and region (docs/infrastructure.md), not per stack.
  logs: {
    restApi: {
      accessLogging: true,
      format: '${file(../../config/api-access-log.js):format}',
      executionLogging: false,
      fullExecutionData: false,
      roleManagedExternally: true,
    },
  },
  environment: {
    STAGE: '${sls:stage}',
    SERVICE_NAME: '${self:service}',
    TABLE_PREFIX: 'platform-${sls:stage}',
    CORS_ORIGINS: '${self:custom.corsOriginsText}',
    AUTH_ISSUER: '${self:custom.stage.authIssuer}',
    AUTH_AUDIENCE: 'platform-api',
    // Where the stage's secrets are (names, never values; libs/src/secrets): Secrets Manager on AWS, files locally.
    SECRETS_PREFIX: '${self:custom.stage.secretsPrefix}',
    SECRETS_DIR: '${self:custom.stage.secretsDir}',
    // Local stage only: the file every AWS call is recorded in (libs/src/aws; the IAM proof reads it). Empty on AWS.
    AWS_CALL_LOG: '${self:custom.stage.awsCallLog}',
    AUTH_JWKS: '${self:custom.stage.authJwks}',
    AUTH_JWKS_URL: '${self:custom.stage.authJwksUrl}',
    COGNITO_USER_POOL_ID: '${self:custom.stage.cognitoUserPoolId}',
    COGNITO_CLIENT_ID: '${self:custom.stage.cognitoClientId}',
    COGNITO_ISSUER: '${self:custom.stage.cognitoIssuer}',
    DYNAMODB_ENDPOINT: '${self:custom.stage.dynamodbEndpoint}',
    S3_ENDPOINT: '${self:custom.stage.s3Endpoint}',
    PUBLIC_URL: '${self:custom.stage.publicUrl}',
    NODE_OPTIONS: '--enable-source-maps',
  },
};

const custom = {
  // Per-stage settings (config/stages.yml), read as ${self:custom.stage.<key>}.
  stage: '${file(../../config/stages.yml):${sls:stage}}',
  corsOriginsText: '${file(../../config/cors.js):originsText}',
  esbuild: {
    bundle: true,
    minify: true,
    sourcemap: false,
    target: 'node22',
    platform: 'node',
    format: 'cjs',
    // The AWS SDK's ES module build (its `module` field) before its CommonJS one: esbuild can drop
    // what a function never calls only from ES modules (the CommonJS build is one file per client).
    mainFields: ['module', 'main'],
    exclude: exclude(),
    keepNames: false,
    outputWorkFolder: workFolder(),
  },
  'serverless-offline': {
    noPrependStageInUrl: true,
    // serverless-offline adds its own CORS headers (credentials: true); ours come from the handlers.
    corsDisallowCredentials: true,
    // Handlers run in serverless-offline's own process, each loaded once and kept warm, as a Lambda
    // container keeps it. Its worker-thread mode (OFFLINE_IN_PROCESS=false) loads a fresh worker per
    // concurrent request: 20 clients were served slower than 1 (docs/performance.md). In one process
    // the environment is shared, so nothing reads a function's identity from it at call time
    // (libs/src/aws reads AWS_LAMBDA_FUNCTION_NAME when its bundle loads).
    useInProcess: process.env.OFFLINE_IN_PROCESS !== 'false',
  },
  'serverless-iam-roles-per-function': { defaultInherit: false },
  // The stage's alarm topic, from services/platform-resources' output (serverless-compose.yml passes
  // it). Empty when a service is packaged alone: config/platform-plugin.js then imports its export.
  alarmTopicArn: "${param:alarmTopicArn, ''}",
};

/** The header every service and platform-resources share. */
const header = (service: string) => ({
  service,
  frameworkVersion: '3' as const,
  // nodejs22.x is not in v3's config schema: warn instead of failing (the template still says nodejs22.x).
  configValidationMode: 'warn' as const,
});

const PREFLIGHT_HANDLER = 'src/handlers/preflight.handler';
/** The platform's authorizer (libs/src/authorizer), re-exported by each service's src/handlers/authorizer.ts. */
const AUTHORIZER_HANDLER = 'src/handlers/authorizer.handler';
const AUTHORIZER = 'authorizer';

/**
 * In front of every route that is not public: the TOKEN authorizer, cached by API Gateway per token
 * for 5 minutes (the authorizer never caches past a token's expiry itself). serverless-offline runs it too.
 */
const authorizerEvent = {
  name: AUTHORIZER,
  type: 'token',
  identitySource: 'method.request.header.Authorization',
  resultTtlInSeconds: 300,
};

/**
 * The authorizer function: it verifies tokens and links a Cognito user to a platform user on
 * first sight, so it alone (with the auth and users services) writes to the identity table.
 */
const authorizerFunction = (): Record<string, unknown> => ({
  handler: AUTHORIZER_HANDLER,
  memorySize: 256,
  timeout: 10,
  iamRoleStatements: [linkPrincipal],
});

function splitRoute(route: Route): { method: string; path: string } {
  const [method, path] = route.split(' ');
  return { method: method.toLowerCase(), path };
}

/**
 * The OPTIONS routes of a service's API, answered by its preflight function: /<service>/{proxy+},
 * and /<service> itself when a route is there.
 */
function preflightFunction(service: string, functions: Record<string, FunctionSpec>): Record<string, unknown> {
  const base = `/${service}`;
  const paths = [`${base}/{proxy+}`];
  if (Object.values(functions).some((f) => f.http && splitRoute(f.http).path === base)) paths.push(base);
  return { handler: PREFLIGHT_HANDLER, events: paths.map((path) => ({ http: { method: 'options', path } })) };
}

function compileFunction(service: string, name: string, spec: FunctionSpec): Record<string, unknown> {
  const events: unknown[] = [];
  if (spec.http) {
    const route = splitRoute(spec.http);
    if (route.path !== `/${service}` && !route.path.startsWith(`/${service}/`)) {
      throw new Error(`${service}.${name}: ${spec.http} is not under /${service} (the gateway routes by the first path segment)`);
    }
    events.push({ http: spec.public ? route : { ...route, authorizer: authorizerEvent } });
  }
  if (spec.schedule) events.push({ schedule: spec.schedule });
  return {
    handler: spec.handler,
    ...(spec.environment ? { environment: spec.environment } : {}),
    ...(spec.timeout ? { timeout: spec.timeout } : {}),
    ...(spec.memorySize ? { memorySize: spec.memorySize } : {}),
    events,
    // No grants: the provider's role, which reaches no data (defaultInherit: false).
    ...(spec.grants?.length ? { iamRoleStatements: spec.grants } : {}),
  };
}

/** A service with an API: its functions, the preflight routes, its resources. */
export async function defineService(spec: ServiceSpec): Promise<ServerlessConfig> {
  for (const generatedName of ['preflight', AUTHORIZER]) {
    if (generatedName in spec.functions) throw new Error(`${spec.service}: "${generatedName}" is generated by defineService`);
  }
  const functions = Object.fromEntries(Object.entries(spec.functions).map(([name, fn]) => [name, compileFunction(spec.service, name, fn)]));
  functions.preflight = preflightFunction(spec.service, spec.functions);
  if (Object.values(spec.functions).some((f) => f.http && !f.public)) functions[AUTHORIZER] = authorizerFunction();
  const tables = spec.ownsTables ? [{ Resources: '${file(../../config/dynamodb-tables.js):resources}' }] : [];
  const resources = [...tables, ...(spec.resources ?? [])];
  // Under the local platform: its bundles, and its tables (it creates them): neither plugin is loaded.
  const location = prebuiltLocation(spec.service);
  const migrates = spec.ownsTables && !location;
  return {
    ...header(spec.service),
    plugins: [
      ...(location ? [] : ['serverless-esbuild']),
      'serverless-iam-roles-per-function',
      // `sls offline start`: the owned tables in DynamoDB Local (config/dynamodb-local.ts).
      ...(migrates ? ['serverless-dynamodb'] : []),
      'serverless-offline',
      // Stage throttling, gateway responses, alarms (config/platform-plugin.js, docs/infrastructure.md).
      '../../config/platform-plugin.js',
    ],
    provider,
    custom: {
      ...custom,
      'serverless-offline': { ...custom['serverless-offline'], ...(location ? { location } : {}) },
      ...(migrates ? { dynamodb: await dynamoDbLocal() } : {}),
    },
    package: { individually: true },
    functions,
    ...(resources.length ? { resources } : {}),
  };
}

/** A stack with no functions (services/platform-resources): the shared header and its resources. */
export function defineResources(spec: { service: string; resources: Array<Record<string, unknown>> }): ServerlessConfig {
  // The platform plugin: its settings check, alarms and outputs (no API, no function: nothing else applies).
  return { ...header(spec.service), plugins: ['../../config/platform-plugin.js'], provider, custom, resources: spec.resources };
}
