// The access log line of every API stage (provider.logs.restApi.format in config/service.ts): one
// JSON object per request, so CloudWatch Logs Insights can filter on any field. `requestId` is the
// id the handlers return in `x-request-id` and in error bodies, so a user's report leads to its line.
// Values are all quoted: an empty `$context` variable then still leaves valid JSON.
const fields = {
  requestId: '$context.requestId',
  time: '$context.requestTime',
  method: '$context.httpMethod',
  path: '$context.path',
  resourcePath: '$context.resourcePath',
  status: '$context.status',
  latencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integrationLatency',
  responseLength: '$context.responseLength',
  sourceIp: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  // Set by the Lambda authorizer (the user id); empty for unauthenticated routes.
  principal: '$context.authorizer.principalId',
  errorType: '$context.error.responseType',
};

module.exports.format = JSON.stringify(fields);
module.exports.fields = fields;
