import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { recordCallsOf } from '../aws';
import { config, DEPENDENCY_TIMEOUTS } from '../config';
import { recordDbCall } from './metrics';

let documentClient: DynamoDBDocumentClient | undefined;

/** One document client per container, created on first use and reused while warm. */
export function db(): DynamoDBDocumentClient {
  if (!documentClient) {
    const { region, dynamodbEndpoint } = config();
    const base = recordCallsOf(new DynamoDBClient({ region, ...(dynamodbEndpoint ? { endpoint: dynamodbEndpoint } : {}), ...DEPENDENCY_TIMEOUTS }));
    base.middlewareStack.add(
      (next) => async (args) => {
        recordDbCall();
        return next(args);
      },
      { step: 'initialize', name: 'countDbCalls' },
    );
    documentClient = DynamoDBDocumentClient.from(base, {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    });
  }
  return documentClient;
}

/** Physical table name for a logical one: identity -> platform-<stage>-identity. */
export const tableName = (logical: string): string => `${config().tablePrefix}-${logical}`;
