/**
 * Every AWS call a function makes, recorded on the local stage (when `AWS_CALL_LOG` names a file):
 * which function, which service and IAM action, on which table, index, bucket or secret. The
 * integration tests run with it on, and test/proof/iam.test.ts checks each recorded call against
 * that function's role in the packaged prod template: least privilege proven by what the code
 * really does, since no emulator checks IAM. One JSON line per call; nothing is recorded on AWS.
 *
 * Names are logical (`loans`, not `platform-local-loans`), as the template's are per stage.
 */
import { appendFileSync } from 'node:fs';

export interface AwsCall {
  /** the function's name in its service (`apply`), from AWS_LAMBDA_FUNCTION_NAME `<service>-<stage>-<function>` */
  fn: string;
  service: string;
  /** the IAM service prefix and action: `dynamodb:PutItem`, `s3:GetObject`, `secretsmanager:GetSecretValue` */
  action: string;
  table?: string;
  index?: string;
  bucket?: string;
  secret?: string;
}

type Target = Omit<AwsCall, 'fn' | 'service'>;

const PREFIX = () => `platform-${process.env.STAGE ?? 'local'}-`;
const logical = (name: string | undefined): string | undefined => (name?.startsWith(PREFIX()) ? name.slice(PREFIX().length) : name);

/**
 * The function this copy of the module was loaded for, read once when it loads: each function is
 * its own bundle, and serverless-offline's in-process mode (the local platform's) sets a function's
 * environment just before loading it, then again at each invocation of any function of the service,
 * so reading it at call time could name whichever function ran last.
 */
const FUNCTION_NAME = process.env.AWS_LAMBDA_FUNCTION_NAME;

/** Whose call: `<service>-<stage>-<function>`, as the framework names functions (serverless-offline too). */
function caller(): { service: string; fn: string } | undefined {
  const name = FUNCTION_NAME;
  const stage = process.env.STAGE ?? 'local';
  const at = name?.indexOf(`-${stage}-`) ?? -1;
  if (!name || at < 0) return undefined;
  return { service: name.slice(0, at), fn: name.slice(at + stage.length + 2) };
}

/** Records calls made outside an SDK client's pipeline: a presigned URL or POST is signed with the function's role. */
export function recordAwsCall(target: Target): void {
  const file = process.env.AWS_CALL_LOG;
  const who = file ? caller() : undefined;
  if (!file || !who) return;
  const named = { ...target, ...(target.table ? { table: logical(target.table) } : {}), ...(target.bucket ? { bucket: logical(target.bucket) } : {}) };
  appendFileSync(file, `${JSON.stringify({ ...who, ...named })}\n`);
}

const TRANSACT: Record<string, string> = { Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem', ConditionCheck: 'ConditionCheckItem', Get: 'GetItem' };
/** S3 operations and the IAM action that allows each (HeadObject needs s3:GetObject). */
const S3_ACTIONS: Record<string, string> = { HeadObject: 'GetObject', ListObjectsV2: 'ListBucket' };

/** What one command is, in IAM terms: a transaction or batch is checked item by item, table by table. */
interface CommandInput {
  TableName?: string;
  IndexName?: string;
  Bucket?: string;
  SecretId?: string;
  TransactItems?: Array<Record<string, { TableName?: string }>>;
  RequestItems?: Record<string, unknown>;
}

export function iamTargets(clientName: string, commandName: string, input: CommandInput): Target[] {
  const operation = commandName.replace(/Command$/, '');
  if (clientName.startsWith('DynamoDB')) {
    if (operation === 'TransactWriteItems' || operation === 'TransactGetItems') {
      return (input.TransactItems ?? []).flatMap((item) =>
        Object.entries(item).map(([kind, part]) => ({ action: `dynamodb:${TRANSACT[kind] ?? kind}`, table: part.TableName })),
      );
    }
    if (operation === 'BatchGetItem' || operation === 'BatchWriteItem') {
      return Object.keys(input.RequestItems ?? {}).map((name) => ({ action: `dynamodb:${operation}`, table: name }));
    }
    return [{ action: `dynamodb:${operation}`, table: input.TableName, ...(input.IndexName ? { index: input.IndexName } : {}) }];
  }
  if (clientName.startsWith('S3')) return [{ action: `s3:${S3_ACTIONS[operation] ?? operation}`, bucket: input.Bucket }];
  if (clientName.startsWith('SecretsManager')) return [{ action: `secretsmanager:${operation}`, secret: String(input.SecretId ?? '') }];
  return [{ action: `${clientName.replace(/Client$/, '').toLowerCase()}:${operation}` }];
}

type Next = (args: { input: CommandInput }) => Promise<unknown>;
type Middleware = (next: Next, context: { clientName?: string; commandName?: string }) => Next;
interface Recordable {
  // The SDK's own stack type differs per client; the recorder needs only `add` at the initialize step.
  middlewareStack: { add: (middleware: never, options: { step: 'initialize'; name: string }) => void };
}

/** Adds the recorder to a client when calls are being recorded (a no-op otherwise, so on AWS). */
export function recordCallsOf<C extends Recordable>(client: C): C {
  if (!process.env.AWS_CALL_LOG) return client;
  const recorder: Middleware = (next, context) => async (args) => {
    for (const target of iamTargets(context.clientName ?? '', context.commandName ?? '', args.input)) recordAwsCall(target);
    return next(args);
  };
  client.middlewareStack.add(recorder as never, { step: 'initialize', name: 'recordAwsCalls' });
  return client;
}
