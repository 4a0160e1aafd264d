// A local Serverless plugin every service lists (`- ../../config/platform-plugin.js`): after the
// framework has compiled the template, it adds what docs/infrastructure.md lists for every API and
// that cannot be written in `resources` because it depends on generated resources:
// - stage throttling (config/stages.yml `throttle`): v3 names the Deployment, which creates the
//   stage, with a random logical id, so its StageDescription can only be set here;
// - gateway responses in the platform's error shape (config/gateway-responses.js);
// - CloudWatch alarms per function, per API and per owned table (config/alarms.js), all sent to
//   the stage's alarm topic (owned by services/platform-resources, passed by compose as
//   ${param:alarmTopicArn}; a service packaged or deployed alone imports the topic's export);
// - outputs with the name and ARN of every table and bucket the service owns.
const { gatewayResponses } = require('./gateway-responses');
const { lambdaErrorRate, api5xxRate, dynamodbThrottles } = require('./alarms');

const REST_API = 'ApiGatewayRestApi';

/** The name platform-resources exports its topic ARN under (see its serverless.ts). */
const alarmTopicExport = (stage) => `platform-${stage}-alarm-topic-arn`;

class PlatformInfrastructure {
  constructor(serverless) {
    this.serverless = serverless;
    this.hooks = {
      // After `resources` are merged (the owned tables are in the template) and before it is saved.
      'after:aws:package:finalize:mergeCustomProviderResources': () => this.addInfrastructure(),
    };
  }

  addInfrastructure() {
    const service = this.serverless.service;
    const stage = this.serverless.getProvider('aws').getStage();
    const settings = service.custom?.stage;
    if (!settings?.throttle || !settings.corsOrigins) {
      throw new this.serverless.classes.Error('platform-plugin: custom.stage (config/stages.yml) with throttle and corsOrigins is required');
    }
    const resources = service.provider.compiledCloudFormationTemplate.Resources;
    const topicArn = service.custom.alarmTopicArn ? service.custom.alarmTopicArn : { 'Fn::ImportValue': alarmTopicExport(stage) };
    const added = {};

    if (resources[REST_API]) {
      this.throttleStage(resources, settings.throttle);
      Object.assign(added, gatewayResponses({ restApiLogicalId: REST_API, origins: settings.corsOrigins }));
      added.ApiGateway5xxRateAlarm = api5xxRate({ apiName: resources[REST_API].Properties.Name, stage, topicArn });
    }
    for (const [id, resource] of Object.entries(resources)) {
      if (resource.Type === 'AWS::Lambda::Function') added[`${id}ErrorRateAlarm`] = lambdaErrorRate({ functionLogicalId: id, topicArn });
      if (resource.Type === 'AWS::DynamoDB::Table') {
        const indexNames = (resource.Properties.GlobalSecondaryIndexes || []).map((i) => i.IndexName);
        for (const [suffix, alarm] of dynamodbThrottles({ tableLogicalId: id, tableName: resource.Properties.TableName, indexNames, topicArn })) {
          added[`${id}Throttles${suffix ? suffix[0].toUpperCase() + suffix.slice(1) : ''}Alarm`] = alarm;
        }
      }
    }
    const clash = Object.keys(added).find((id) => resources[id]);
    if (clash) throw new this.serverless.classes.Error(`platform-plugin: resource ${clash} is already defined`);
    Object.assign(resources, added);
    this.addOwnedOutputs(service.provider.compiledCloudFormationTemplate);
  }

  /** Name and ARN of every table and bucket the service owns, as outputs (compose can pass them on). */
  addOwnedOutputs(template) {
    template.Outputs = template.Outputs || {};
    for (const [id, resource] of Object.entries(template.Resources)) {
      const owned = resource.Type === 'AWS::DynamoDB::Table' || (resource.Type === 'AWS::S3::Bucket' && id !== 'ServerlessDeploymentBucket');
      if (!owned) continue;
      template.Outputs[`${id}Name`] = template.Outputs[`${id}Name`] || { Value: { Ref: id } };
      template.Outputs[`${id}Arn`] = template.Outputs[`${id}Arn`] || { Value: { 'Fn::GetAtt': [id, 'Arn'] } };
    }
  }

  throttleStage(resources, throttle) {
    const deployments = Object.values(resources).filter((r) => r.Type === 'AWS::ApiGateway::Deployment' && r.Properties.StageName);
    if (deployments.length !== 1) throw new this.serverless.classes.Error(`platform-plugin: expected one API deployment, found ${deployments.length}`);
    const rate = Number(throttle.rate);
    const burst = Number(throttle.burst);
    if (!(rate > 0 && burst > 0)) throw new this.serverless.classes.Error('platform-plugin: throttle.rate and throttle.burst must be positive numbers');
    // Applies to every method of the stage (the `/*/*` default method setting).
    deployments[0].Properties.StageDescription = { ThrottlingRateLimit: rate, ThrottlingBurstLimit: burst };
  }
}

module.exports = PlatformInfrastructure;
module.exports.alarmTopicExport = alarmTopicExport;
