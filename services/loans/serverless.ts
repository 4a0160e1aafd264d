// Skycap Loans: quotes, applications, the loan lifecycle, schedules, documents, history and
// statistics. Owns the `loans` table (loans, history, repayments, statistics, idempotency
// records; see docs/loans.md), which the repayments service shares.
import { defineService, dynamodb, index, objects, physicalName, query, read, secrets, table, type FunctionSpec } from '../../config/service';

const loans = table('loans');
// GetItem: the idempotency record; the transaction puts the loan, history, record and ADDs a counter shard.
const changeLoans = dynamodb(['GetItem', 'PutItem', 'UpdateItem'], loans);
// Walks every loan by index and rewrites the statistics counters in the table.
const walkLoans = [query(index('loans', 'gsi2')), dynamodb(['Query', 'PutItem', 'UpdateItem'], loans)];
// platform-local-loan-documents on the local stage: the bucket `npm start` creates in s3rver.
const bucket = { LOAN_DOCUMENTS_BUCKET: physicalName('loan-documents') };

/** A lifecycle step: loan writes retry on version clashes for up to 15 s (then 409): room for that and a cold start. */
const transition = (handler: string, http: FunctionSpec['http']): FunctionSpec => ({ handler, timeout: 20, http, grants: [changeLoans] });

export = defineService({
  service: 'loans',
  ownsTables: true,
  functions: {
    quote: {
      handler: 'src/handlers/quote.handler',
      http: 'POST /loans/quote',
    },
    apply: transition('src/handlers/apply.handler', 'POST /loans/apply'),
    list: {
      handler: 'src/handlers/list.handler',
      http: 'GET /loans',
      grants: [secrets('cursor-secret'), query(index('loans', 'gsi1'), index('loans', 'gsi2'), index('loans', 'gsi3'))],
    },
    get: {
      handler: 'src/handlers/get.handler',
      http: 'GET /loans/{loanId}',
      grants: [read(loans)],
    },
    schedule: {
      handler: 'src/handlers/schedule.handler',
      http: 'GET /loans/{loanId}/schedule',
      grants: [read(loans)],
    },
    history: {
      handler: 'src/handlers/history.handler',
      http: 'GET /loans/{loanId}/history',
      grants: [secrets('cursor-secret'), dynamodb(['GetItem', 'Query'], loans)],
    },
    approve: transition('src/handlers/approve.handler', 'POST /loans/{loanId}/approve'),
    reject: transition('src/handlers/reject.handler', 'POST /loans/{loanId}/reject'),
    withdraw: transition('src/handlers/withdraw.handler', 'POST /loans/{loanId}/withdraw'),
    disburse: transition('src/handlers/disburse.handler', 'POST /loans/{loanId}/disburse'),
    writeOff: transition('src/handlers/write-off.handler', 'POST /loans/{loanId}/write-off'),
    statsSummary: {
      handler: 'src/handlers/stats-summary.handler',
      http: 'GET /loans/stats/summary',
      grants: [query(loans)],
    },
    statsRebuild: {
      handler: 'src/handlers/stats-rebuild.handler',
      // Walks every loan: allowed the longest an API Gateway integration may take.
      timeout: 29,
      http: 'POST /loans/stats/rebuild',
      grants: walkLoans,
    },
    refreshStats: {
      handler: 'src/handlers/stats-refresh.handler',
      timeout: 300,
      memorySize: 512,
      schedule: 'rate(1 day)',
      grants: walkLoans,
    },
    createDocument: {
      handler: 'src/handlers/documents-create.handler',
      environment: bucket,
      http: 'POST /loans/{loanId}/documents',
      grants: [
        dynamodb(['GetItem', 'PutItem'], loans),
        // The presigned POST is signed with this role: it may only put objects in the bucket.
        objects('loan-documents', 'put'),
      ],
    },
    listDocuments: {
      handler: 'src/handlers/documents-list.handler',
      environment: bucket,
      http: 'GET /loans/{loanId}/documents',
      grants: [
        secrets('cursor-secret'),
        dynamodb(['GetItem', 'Query'], loans),
        // HeadObject and the presigned GET both need s3:GetObject.
        objects('loan-documents', 'get'),
      ],
    },
  },
  resources: [
    // Loan documents are retained (no expiry): to STANDARD_IA after 30 days (config/s3-bucket.js).
    { Resources: '${file(../../config/s3-bucket.js):loanDocuments}' },
  ],
});
