// What the whole stage shares and no single service owns: the alarm topic every service's alarms
// notify, and the stage's CloudWatch dashboard. No functions. Deployed first (serverless-compose.yml
// passes AlarmTopicArn to the others as ${param:alarmTopicArn}). Tables and buckets stay with the
// service that owns them (auth, contacts, loans, images: see docs/infrastructure.md).
import { defineResources } from '../../config/service';

export = defineResources({
  service: 'platform-resources',
  resources: [
    {
      Resources: {
        AlarmTopic: {
          Type: 'AWS::SNS::Topic',
          Properties: { TopicName: 'platform-${sls:stage}-alarms', DisplayName: 'platform ${sls:stage} alarms' },
        },
        // Only CloudWatch alarms of this account publish here.
        AlarmTopicPolicy: {
          Type: 'AWS::SNS::TopicPolicy',
          Properties: {
            Topics: [{ Ref: 'AlarmTopic' }],
            PolicyDocument: {
              Statement: [
                {
                  Sid: 'CloudWatchAlarmsOfThisAccount',
                  Effect: 'Allow',
                  Principal: { Service: 'cloudwatch.amazonaws.com' },
                  Action: 'sns:Publish',
                  Resource: { Ref: 'AlarmTopic' },
                  Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
                },
              ],
            },
          },
        },
        // config/stages.yml `alarmEmail` (ALARM_EMAIL at deploy time); confirm the email AWS sends.
        AlarmEmailSubscription: {
          Type: 'AWS::SNS::Subscription',
          Properties: { TopicArn: { Ref: 'AlarmTopic' }, Protocol: 'email', Endpoint: '${self:custom.stage.alarmEmail}' },
        },
      },
      Outputs: {
        AlarmTopicArn: {
          Description: "the stage's alarm topic (every service's alarms notify it)",
          Value: { Ref: 'AlarmTopic' },
          // What a service packaged or deployed without compose imports (config/platform-plugin.js).
          Export: { Name: 'platform-${sls:stage}-alarm-topic-arn' },
        },
        DashboardName: { Value: { Ref: 'Dashboard' } },
      },
    },
    { Resources: '${file(../../config/dashboard.js):resources}' },
  ],
});
