// CloudFormation for the tables a service owns, built from its resources/tables.json (the same
// file the local platform creates tables from, so local and AWS never disagree on keys).
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const logicalId = (name) => `${name.replace(/(^|-)(\w)/g, (_, __, c) => c.toUpperCase())}Table`;

function table(def, stage) {
  const attributes = new Set([def.partitionKey, def.sortKey, ...(def.indexes ?? []).flatMap((i) => [i.partitionKey, i.sortKey])].filter(Boolean));
  const keySchema = (pk, sk) => [{ AttributeName: pk, KeyType: 'HASH' }, ...(sk ? [{ AttributeName: sk, KeyType: 'RANGE' }] : [])];
  return {
    Type: 'AWS::DynamoDB::Table',
    DeletionPolicy: 'Retain',
    UpdateReplacePolicy: 'Retain',
    Properties: {
      TableName: `platform-${stage}-${def.name}`,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [...attributes].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
      KeySchema: keySchema(def.partitionKey, def.sortKey),
      ...(def.indexes?.length
        ? {
            GlobalSecondaryIndexes: def.indexes.map((i) => ({
              IndexName: i.name,
              KeySchema: keySchema(i.partitionKey, i.sortKey),
              Projection: { ProjectionType: 'ALL' },
            })),
          }
        : {}),
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      DeletionProtectionEnabled: stage === 'prod',
      ...(def.ttlAttribute ? { TimeToLiveSpecification: { AttributeName: def.ttlAttribute, Enabled: true } } : {}),
      Tags: [{ Key: 'platform:table', Value: def.name }],
    },
  };
}

module.exports.resources = async ({ resolveVariable }) => {
  const stage = await resolveVariable('sls:stage');
  const defs = JSON.parse(readFileSync(join(process.cwd(), 'resources', 'tables.json'), 'utf8'));
  return Object.fromEntries(defs.map((def) => [logicalId(def.name), table(def, stage)]));
};

module.exports.logicalId = logicalId;
