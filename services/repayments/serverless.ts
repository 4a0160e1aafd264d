// Skycap Loans repayments: record, list, read and reverse. Uses the `loans` table owned by the
// loans service (a repayment, its loan, history and statistics change in one transaction there).
import { defineService, dynamodb, index, query, read, secrets, table } from '../../config/service';

const loans = table('loans');
// GetItem: loan and idempotency record; the transaction puts loan, repayment, history and record, ADDs a counter shard.
const changeLoans = dynamodb(['GetItem', 'PutItem', 'UpdateItem'], loans);

export = defineService({
  service: 'repayments',
  functions: {
    record: {
      handler: 'src/handlers/record.handler',
      // Concurrent repayments on one loan retry on version clashes (up to 15 s, then 409): room for
      // that plus a cold start, within API Gateway's 29 s.
      timeout: 20,
      http: 'POST /repayments',
      grants: [changeLoans],
    },
    reverse: {
      handler: 'src/handlers/reverse.handler',
      timeout: 20,
      http: 'POST /repayments/{repaymentId}/reverse',
      grants: [changeLoans],
    },
    list: {
      handler: 'src/handlers/list.handler',
      http: 'GET /repayments',
      // The loan (who may see it), then its repayments by index.
      grants: [secrets('cursor-secret'), read(loans), query(index('loans', 'gsi1'))],
    },
    get: {
      handler: 'src/handlers/get.handler',
      http: 'GET /repayments/{repaymentId}',
      grants: [read(loans)],
    },
  },
});
