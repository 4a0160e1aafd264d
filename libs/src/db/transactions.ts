/** The shapes of a DynamoDB transaction, named once for every repository. */
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';

/** One item of a TransactWriteItems call (Put, Update, Delete or ConditionCheck). */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A transaction item that, when its condition fails, means a known thing (not a version clash). */
export interface GuardedItem {
  item: TransactItem;
  onConditionFailed?: () => Error;
}
