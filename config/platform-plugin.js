// A local Serverless plugin every service lists (`- ../../config/platform-plugin.js`): after the
// framework has compiled the template, it adds what docs/infrastructure.md lists for every API and
// that cannot be written in `resources` because it depends on generated resources:
// - stage throttling (config/stages.yml `throttle`): v3 names the Deployment, which creates the
//   stage, with a random logical id, so its StageDescription can only be set here;
// - gateway responses in the platform's error shape (config/gateway-responses.js);
// - CloudWatch alarms per function, per API and per owned table (config/alarms.js), all sent to
//   the stage's alarm topic (owned by services/platform-resources, passed by compose as
//   ${param:alarmTopicArn}; a service packaged or deployed alone imports the topic's export);
// - outputs with the name and ARN of every table and bucket the service owns;
// - the stage's access log setting (provider.logs.restApi) in the same StageDescription: v3 sets it
//   through the SDK after a deploy, so without this the template would not show it;
// - no DependsOn that a Ref or GetAtt of the same resource already implies (cfn-lint W3005:
//   serverless-iam-roles-per-function makes each function depend on the role it also GetAtts).
const { gatewayResponses } = require('./gateway-responses');
const { restApiExport } = require('./edge');
const { settingProblems } = require('./required-settings');
const { lambdaErrorRate, api5xxRate, dynamodbThrottles } = require('./alarms');

const REST_API = 'ApiGatewayRestApi';

/** The name platform-resources exports its topic ARN under (see its serverless.ts). */
const alarmTopicExport = (stage) => `platform-${stage}-alarm-topic-arn`;

class PlatformInfrastructure {
  constructor(serverless) {
    this.serverless = serverless;
    this.hooks = {
      // Before anything is built: a real stage without its required settings stops here, naming each.
      'before:package:initialize': () => this.checkSettings(),
      'before:deploy:deploy': () => this.checkSettings(),
      // After `resources` are merged (the owned tables are in the template) and before it is saved.
      'after:aws:package:finalize:mergeCustomProviderResources': () => this.addInfrastructure(),
    };
  }

  checkSettings() {
    const stage = this.serverless.getProvider('aws').getStage();
    const problems = settingProblems(stage, this.serverless.service.custom?.stage ?? {});
    if (problems.length) {
      throw new this.serverless.classes.Error(
        `The stage "${stage}" is missing settings (docs/infrastructure.md "Settings of a stage"):\n- ${problems.join('\n- ')}`,
      );
    }
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
      // The edge's distribution forwards /<service>* to this API (config/edge.js imports the id).
      const template = service.provider.compiledCloudFormationTemplate;
      template.Outputs = template.Outputs || {};
      template.Outputs.RestApiId = {
        Description: "this service's API (the edge forwards to it)",
        Value: { Ref: REST_API },
        Export: { Name: restApiExport(stage, service.service) },
      };
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
    removeImpliedDependsOn(resources);
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
    deployments[0].Properties.StageDescription = { ThrottlingRateLimit: rate, ThrottlingBurstLimit: burst, ...this.accessLogSetting(resources) };
  }

  /**
   * What the framework's post-deploy stage update applies for provider.logs.restApi, written into the
   * template too (same log group ARN, same format, execution logging off), so that a reviewer and
   * the template tests see it. Nothing when access logging is not configured.
   */
  accessLogSetting(resources) {
    const logs = this.serverless.service.provider.logs?.restApi;
    if (!logs || logs.accessLogging === false) return {};
    const logGroupId = this.serverless.getProvider('aws').naming.getApiGatewayLogGroupLogicalId();
    if (!resources[logGroupId]) throw new this.serverless.classes.Error(`platform-plugin: access logging is on but ${logGroupId} is missing`);
    if (!logs.format) throw new this.serverless.classes.Error('platform-plugin: provider.logs.restApi.format is required (config/api-access-log.js)');
    return {
      AccessLogSetting: {
        // The ARN the framework's stage update writes (no trailing `:*`); ${LogGroup} is its Ref, its name.
        DestinationArn: { 'Fn::Sub': `arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:\${${logGroupId}}` },
        Format: logs.format,
      },
      ...(logs.executionLogging === false ? { LoggingLevel: 'OFF', DataTraceEnabled: false } : {}),
    };
  }
}

/** The logical ids a resource's properties refer to with Ref, Fn::GetAtt or Fn::Sub (outside Fn::If). */
function referencedIds(value, found = new Set()) {
  if (Array.isArray(value)) for (const v of value) referencedIds(v, found);
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'Ref' && typeof v === 'string') found.add(v);
      else if (key === 'Fn::GetAtt') found.add(Array.isArray(v) ? v[0] : String(v).split('.')[0]);
      else if (key === 'Fn::Sub') {
        const text = Array.isArray(v) ? v[0] : v;
        for (const [, name] of String(text).matchAll(/\$\{([A-Za-z0-9]+)[.}]/g)) found.add(name);
        if (Array.isArray(v)) referencedIds(v[1], found);
      } else if (key !== 'Fn::If') referencedIds(v, found);
    }
  }
  return found;
}

/** Drops each DependsOn entry that a Ref/GetAtt/Sub in the same resource already makes CloudFormation wait for. */
function removeImpliedDependsOn(resources) {
  for (const resource of Object.values(resources)) {
    if (!resource.DependsOn) continue;
    const refs = referencedIds(resource.Properties);
    const kept = [].concat(resource.DependsOn).filter((id) => !refs.has(id));
    if (kept.length) resource.DependsOn = kept;
    else delete resource.DependsOn;
  }
}

module.exports = PlatformInfrastructure;
module.exports.alarmTopicExport = alarmTopicExport;
module.exports.removeImpliedDependsOn = removeImpliedDependsOn;
