// CloudWatch alarms of one service (docs/infrastructure.md), built from what its compiled template
// holds: a Lambda error-rate alarm per function, an API 5xx-rate alarm for its REST API and a
// throttling alarm per table it owns. Every alarm notifies the one alarm topic of the stage.
// Rates are metric math (errors / requests), so a quiet function with one failure in a thousand
// calls does not page anyone, and an idle period (no data) is not an alarm.

// Thresholds: error rate > 1 %, 5xx rate > 1 %, any DynamoDB throttle.
const THRESHOLDS = { lambdaErrorRatePercent: 1, api5xxRatePercent: 1, dynamodbThrottles: 0 };
const PERIOD_SECONDS = 300;
// CloudWatch allows 10 metrics and expressions per alarm: 2 per index, plus the sum.
const INDEXES_PER_ALARM = 4;

const metric = (id, namespace, name, dimensions) => ({
  Id: id,
  ReturnData: false,
  MetricStat: {
    Metric: { Namespace: namespace, MetricName: name, Dimensions: Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value })) },
    Period: PERIOD_SECONDS,
    Stat: 'Sum',
  },
});

function alarm({ name, description, metrics, expression, label, threshold, topicArn }) {
  return {
    Type: 'AWS::CloudWatch::Alarm',
    Properties: {
      AlarmName: name,
      AlarmDescription: description,
      Metrics: [...metrics, { Id: 'result', Expression: expression, Label: label, ReturnData: true }],
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: threshold,
      EvaluationPeriods: 1,
      DatapointsToAlarm: 1,
      TreatMissingData: 'notBreaching',
      AlarmActions: [topicArn],
      OKActions: [topicArn],
    },
  };
}

/** Errors / Invocations of one function, in percent. */
function lambdaErrorRate({ functionLogicalId, topicArn }) {
  const fn = { Ref: functionLogicalId };
  return alarm({
    name: { 'Fn::Join': ['', [fn, '-error-rate']] },
    description: `Lambda error rate above ${THRESHOLDS.lambdaErrorRatePercent} % over ${PERIOD_SECONDS / 60} minutes`,
    metrics: [metric('errors', 'AWS/Lambda', 'Errors', { FunctionName: fn }), metric('invocations', 'AWS/Lambda', 'Invocations', { FunctionName: fn })],
    expression: 'IF(invocations > 0, 100 * errors / invocations, 0)',
    label: 'error rate (%)',
    threshold: THRESHOLDS.lambdaErrorRatePercent,
    topicArn,
  });
}

/** 5XXError / Count of the service's REST API stage, in percent. */
function api5xxRate({ apiName, stage, topicArn }) {
  const dims = { ApiName: apiName, Stage: stage };
  return alarm({
    name: `${apiName}-5xx-rate`,
    description: `API Gateway 5xx rate above ${THRESHOLDS.api5xxRatePercent} % over ${PERIOD_SECONDS / 60} minutes`,
    metrics: [metric('errors', 'AWS/ApiGateway', '5XXError', dims), metric('requests', 'AWS/ApiGateway', 'Count', dims)],
    expression: 'IF(requests > 0, 100 * errors / requests, 0)',
    label: '5xx rate (%)',
    threshold: THRESHOLDS.api5xxRatePercent,
    topicArn,
  });
}

/**
 * Read + write throttle events of a table, or of a group of its indexes (index throttling on an
 * on-demand table also throttles the writes to the table). Returns [logicalIdSuffix, alarm] pairs.
 */
function dynamodbThrottles({ tableLogicalId, tableName, indexNames = [], topicArn }) {
  const table = { Ref: tableLogicalId };
  const throttleMetrics = (prefix, dims) => [
    metric(`${prefix}r`, 'AWS/DynamoDB', 'ReadThrottleEvents', dims),
    metric(`${prefix}w`, 'AWS/DynamoDB', 'WriteThrottleEvents', dims),
  ];
  const build = (suffix, metrics, what) =>
    alarm({
      name: `${tableName}-throttles${suffix ? `-${suffix}` : ''}`,
      description: `DynamoDB throttling on ${what} (any throttled request alarms)`,
      metrics,
      expression: `SUM([${metrics.map((m) => m.Id).join(', ')}])`,
      label: 'throttle events',
      threshold: THRESHOLDS.dynamodbThrottles,
      topicArn,
    });
  const alarms = [['', build('', throttleMetrics('t', { TableName: table }), `table ${tableName}`)]];
  for (let i = 0; i < indexNames.length; i += INDEXES_PER_ALARM) {
    const group = indexNames.slice(i, i + INDEXES_PER_ALARM);
    const metrics = group.flatMap((index, j) => throttleMetrics(`i${j}`, { TableName: table, GlobalSecondaryIndexName: index }));
    const suffix = `indexes${i / INDEXES_PER_ALARM + 1}`;
    alarms.push([suffix, build(suffix, metrics, `indexes ${group.join(', ')} of ${tableName}`)]);
  }
  return alarms;
}

module.exports = { THRESHOLDS, PERIOD_SECONDS, lambdaErrorRate, api5xxRate, dynamodbThrottles };
