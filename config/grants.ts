/**
 * The IAM grants of a function, one line each: which actions on which table, index or bucket.
 * `table('loans')` and `index('loans', 'gsi2')` are the only place a DynamoDB ARN is written; a
 * name that no services/<name>/resources/tables.json declares fails when the config is loaded.
 *
 *   grants: [linkPrincipal, dynamodb(['GetItem', 'Query'], table('loans')), objects('loan-documents', 'get')]
 *
 * ARNs are CloudFormation intrinsics (no AWS call when packaging); `${sls:stage}` is left for the
 * framework to resolve, like every other variable of the shared configuration.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A CloudFormation value: a string or an intrinsic function. */
export type CfnValue = string | { [intrinsic: string]: unknown };

export interface Grant {
  Effect: 'Allow';
  Action: string[];
  Resource: CfnValue[];
}

export type DynamoAction = 'GetItem' | 'BatchGetItem' | 'Query' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'BatchWriteItem' | 'ConditionCheckItem';
// No 'TransactWriteItems': it is not an IAM action. A transaction is authorised item by item, by
// the PutItem, UpdateItem, DeleteItem and ConditionCheckItem it holds.

export type BucketName = 'gift-images' | 'loan-documents';
export type ObjectAction = 'get' | 'put' | 'delete';

const STAGE = '${sls:stage}';
const ROOT = join(__dirname, '..');

/** The physical name of a table or bucket on the stage being packaged: platform-<stage>-<name>. */
export const physicalName = (name: string): string => `platform-${STAGE}-${name}`;

/** Table name -> its indexes, from every service's resources/tables.json (read once). */
let declared: Map<string, string[]> | undefined;
function declaredTables(): Map<string, string[]> {
  if (declared) return declared;
  declared = new Map();
  for (const service of readdirSync(join(ROOT, 'services'))) {
    const file = join(ROOT, 'services', service, 'resources', 'tables.json');
    if (!existsSync(file)) continue;
    for (const t of JSON.parse(readFileSync(file, 'utf8')) as Array<{ name: string; indexes?: Array<{ name: string }> }>) {
      declared.set(
        t.name,
        (t.indexes ?? []).map((i) => i.name),
      );
    }
  }
  return declared;
}

/** The ARN of a table, or of one of its indexes: written here and nowhere else. */
function tableArn(name: string, indexName?: string): CfnValue {
  const indexes = declaredTables().get(name);
  if (!indexes) throw new Error(`config/grants: no service declares a table "${name}" (resources/tables.json)`);
  if (indexName && !indexes.includes(indexName)) throw new Error(`config/grants: table "${name}" has no index "${indexName}"`);
  const resource = `table/${physicalName(name)}${indexName ? `/index/${indexName}` : ''}`;
  return { 'Fn::Join': [':', ['arn', { Ref: 'AWS::Partition' }, 'dynamodb', { Ref: 'AWS::Region' }, { Ref: 'AWS::AccountId' }, resource]] };
}

export const table = (name: string): CfnValue => tableArn(name);
export const index = (name: string, indexName: string): CfnValue => tableArn(name, indexName);

/** Every object of a bucket (bucket/*). */
export const bucketObjects = (bucket: BucketName): CfnValue => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:s3:::${physicalName(bucket)}/*`]] });

/** DynamoDB actions on tables and indexes: one statement. */
export const dynamodb = (actions: DynamoAction[], ...on: CfnValue[]): Grant => ({ Effect: 'Allow', Action: actions.map((a) => `dynamodb:${a}`), Resource: on });
export const read = (...on: CfnValue[]): Grant => dynamodb(['GetItem'], ...on);
export const query = (...on: CfnValue[]): Grant => dynamodb(['Query'], ...on);

const OBJECT_ACTIONS: Record<ObjectAction, string> = { get: 's3:GetObject', put: 's3:PutObject', delete: 's3:DeleteObject' };
/** S3 actions on the objects of one bucket: `objects('gift-images', 'get', 'delete')`. */
export const objects = (bucket: BucketName, ...actions: ObjectAction[]): Grant => ({
  Effect: 'Allow',
  Action: actions.map((a) => OBJECT_ACTIONS[a]),
  Resource: [bucketObjects(bucket)],
});

/** The stage's secrets a function reads at run time (libs/src/secrets), by name. */
export type SecretName = 'auth-signing-key' | 'cursor-secret';

/** secretsmanager:GetSecretValue on exactly these secrets of the stage (`-??????`: the suffix Secrets Manager adds). */
export const secrets = (...names: SecretName[]): Grant => ({
  Effect: 'Allow',
  Action: ['secretsmanager:GetSecretValue'],
  Resource: names.map((name) => ({
    'Fn::Join': [
      '',
      [
        'arn:',
        { Ref: 'AWS::Partition' },
        ':secretsmanager:',
        { Ref: 'AWS::Region' },
        ':',
        { Ref: 'AWS::AccountId' },
        `:secret:platform/${STAGE}/${name}-??????`,
      ],
    ],
  })),
});

/**
 * The authorizer's: it meets a Cognito user for the first time and links it (a transaction that
 * puts the user, its link and role memberships). No other function of a product service writes there.
 */
export const linkPrincipal: Grant = dynamodb(['GetItem', 'PutItem'], table('identity'));
