// The one CloudWatch dashboard of a stage (`platform-<stage>`), owned by services/platform-resources.
// Built from the repository itself, so a new service or table shows up without editing it: every
// services/<name>/serverless.ts with routes gets an API row and a Lambda row, every table in a
// services/<name>/resources/tables.json a DynamoDB widget.
const { existsSync, readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const PERIOD = 300;
// Services without an API of their own.
const NOT_API = new Set(['platform-resources']);

function apiServices(root = ROOT) {
  const dir = join(root, 'services');
  return readdirSync(dir)
    .filter((name) => !NOT_API.has(name) && existsSync(join(dir, name, 'serverless.ts')))
    .sort();
}

function tables(root = ROOT) {
  return apiServices(root).flatMap((service) => {
    const file = join(root, 'services', service, 'resources', 'tables.json');
    return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).map((t) => ({ ...t, service })) : [];
  });
}

const graph = (title, metrics, { x, y, w = 8, h = 6, stat = 'Sum' } = {}) => ({
  type: 'metric',
  x,
  y,
  width: w,
  height: h,
  properties: { title, view: 'timeSeries', stacked: false, region: '${AWS::Region}', period: PERIOD, stat, metrics },
});

/** A Lambda metric of every function of one service: functions are named <service>-<stage>-<fn>. */
const lambdaSearch = (service, stage, metric, stat, id) => [
  {
    expression: `SEARCH('{AWS/Lambda,FunctionName} MetricName="${metric}" FunctionName=${service} AND FunctionName=${stage}', '${stat}', ${PERIOD})`,
    id,
    label: metric,
  },
];

function widgets(stage, root = ROOT) {
  const out = [
    {
      type: 'text',
      x: 0,
      y: 0,
      width: 24,
      height: 2,
      properties: {
        markdown: `# platform ${stage}\nPer service: API traffic, errors and latency; Lambda errors and throttles; then DynamoDB. Alarms go to the SNS topic platform-${stage}-alarms. Runbook: docs/operations.md (\`npm run ops -- health --stage ${stage}\`).`,
      },
    },
  ];
  let y = 2;
  for (const service of apiServices(root)) {
    const api = ['AWS/ApiGateway', 'Count', 'ApiName', `${stage}-${service}`, 'Stage', stage];
    out.push(
      graph(`${service}: requests and errors`, [api, ['.', '4XXError', '.', '.', '.', '.'], ['.', '5XXError', '.', '.', '.', '.']], { x: 0, y }),
      graph(
        `${service}: latency p50 / p95 (ms)`,
        [
          ['AWS/ApiGateway', 'Latency', 'ApiName', `${stage}-${service}`, 'Stage', stage, { stat: 'p50' }],
          ['...', { stat: 'p95' }],
        ],
        { x: 8, y, stat: 'p50' },
      ),
      graph(
        `${service}: Lambda errors and throttles`,
        [
          ...lambdaSearch(service, stage, 'Errors', 'Sum', `e_${service.replace(/\W/g, '_')}`),
          ...lambdaSearch(service, stage, 'Throttles', 'Sum', `t_${service.replace(/\W/g, '_')}`),
        ],
        { x: 16, y },
      ),
    );
    y += 6;
  }
  tables(root).forEach((table, i) => {
    const name = `platform-${stage}-${table.name}`;
    out.push(
      graph(
        `table ${table.name} (${table.service}): capacity and throttles`,
        [
          ['AWS/DynamoDB', 'ConsumedReadCapacityUnits', 'TableName', name],
          ['.', 'ConsumedWriteCapacityUnits', '.', '.'],
          ['.', 'ReadThrottleEvents', '.', '.'],
          ['.', 'WriteThrottleEvents', '.', '.'],
        ],
        { x: (i % 3) * 8, y: y + Math.floor(i / 3) * 6 },
      ),
    );
  });
  return out;
}

/** The AWS::CloudWatch::Dashboard resource; its body is a Fn::Sub so the region is the stack's. */
function dashboardResource(stage, root = ROOT) {
  return {
    Type: 'AWS::CloudWatch::Dashboard',
    Properties: {
      DashboardName: `platform-${stage}`,
      DashboardBody: { 'Fn::Sub': JSON.stringify({ widgets: widgets(stage, root) }) },
    },
  };
}

module.exports.resources = async ({ resolveVariable }) => ({ Dashboard: dashboardResource(await resolveVariable('sls:stage')) });
module.exports.dashboardResource = dashboardResource;
module.exports.apiServices = apiServices;
