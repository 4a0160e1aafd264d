/**
 * Where an ops verb acts: the stage's DynamoDB (DynamoDB Local for `local`, AWS for dev/prod with
 * the usual credential chain) and the tables every service declares in resources/tables.json.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { readTableDefinitions, physicalTableName, type OwnedTable } from '../local/tables';
import { REPO_ROOT } from '../local/services';

export const STAGES = ['local', 'dev', 'prod'] as const;
export type Stage = (typeof STAGES)[number];

export interface OpsContext {
  stage: Stage;
  isLocal: boolean;
  region: string;
  root: string;
  tables: OwnedTable[];
  /** local stage: where DynamoDB Local answers */
  dynamodbEndpoint?: string;
  tableName(logical: string, suffix?: string): string;
  dynamo(): DynamoDBClient;
  log(line: string): void;
  /** Closes the clients (an open socket keeps the process alive). */
  close(): void;
}

export function createContext(stage: Stage, opts: { root?: string; log?: (line: string) => void; dynamodbEndpoint?: string } = {}): OpsContext {
  const root = opts.root ?? REPO_ROOT;
  const isLocal = stage === 'local';
  const region = process.env.AWS_REGION ?? 'us-east-1';
  let client: DynamoDBClient | undefined;
  // npm start's DynamoDB Local; the test platform or another port through DYNAMODB_ENDPOINT.
  const dynamodbEndpoint = isLocal ? (opts.dynamodbEndpoint ?? process.env.DYNAMODB_ENDPOINT ?? 'http://localhost:8000') : undefined;
  return {
    stage,
    isLocal,
    region,
    root,
    tables: readTableDefinitions(root),
    dynamodbEndpoint,
    tableName: (logical, suffix) => physicalTableName(stage, suffix ? `${logical}-${suffix}` : logical),
    dynamo: () =>
      (client ??= isLocal
        ? new DynamoDBClient({
            region,
            endpoint: dynamodbEndpoint,
            credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
          })
        : new DynamoDBClient({ region, maxAttempts: 5 })),
    log: opts.log ?? ((line) => console.log(line)),
    close: () => client?.destroy(),
  };
}

/** The environment libs/src/config reads, for code of the services run in this process. */
export function useStageEnvironment(ctx: OpsContext): void {
  process.env.STAGE = ctx.stage;
  process.env.TABLE_PREFIX = `platform-${ctx.stage}`;
  process.env.AWS_REGION = ctx.region;
  if (ctx.isLocal) {
    process.env.DYNAMODB_ENDPOINT = ctx.dynamodbEndpoint;
    process.env.AWS_ACCESS_KEY_ID ??= 'local';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
  } else {
    delete process.env.DYNAMODB_ENDPOINT;
  }
}
