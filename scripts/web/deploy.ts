/**
 * `npm run deploy:web -- --stage <stage> [--bucket <name>] [--distribution-id <id>] [--skip-build]`:
 * the "Update Frontend" procedure as one command. Builds web/, syncs web/dist to the stage's web
 * bucket (stale files deleted; hashed assets cached a year, HTML never) and invalidates the
 * CloudFront distribution. Bucket and distribution come from the outputs `WebBucketName` and
 * `DistributionId` of the CloudFormation stack `edge-<stage>` unless given. AWS SDK only, no CLI;
 * credentials and region as the SDK finds them (AWS_PROFILE, AWS_REGION...).
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';
import { S3Client } from '@aws-sdk/client-s3';
import { GIFT_TRACKER_CONFIG_PATH, giftTrackerConfig } from '../local/gift-tracker-config';
import { buildWeb } from './build';
import { syncToBucket } from './sync';

export interface DeployArgs {
  stage: string;
  bucket?: string;
  distributionId?: string;
  skipBuild: boolean;
}

export function parseDeployArgs(argv: string[]): DeployArgs {
  const value = (name: string): string | undefined => {
    const at = argv.indexOf(name);
    if (at === -1) return argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
    const next = argv[at + 1];
    if (!next || next.startsWith('--')) throw new Error(`${name} needs a value`);
    return next;
  };
  const stage = value('--stage');
  if (!stage) throw new Error('usage: npm run deploy:web -- --stage <stage> [--bucket <name>] [--distribution-id <id>] [--skip-build]');
  return { stage, bucket: value('--bucket'), distributionId: value('--distribution-id'), skipBuild: argv.includes('--skip-build') };
}

export const edgeStackName = (stage: string): string => `edge-${stage}`;

/** The edge stack's outputs by key (WebBucketName, DistributionId, OriginUrl). */
export async function edgeOutputs(cloudformation: CloudFormationClient, stage: string): Promise<Record<string, string>> {
  const { Stacks } = await cloudformation.send(new DescribeStacksCommand({ StackName: edgeStackName(stage) }));
  const outputs: Record<string, string> = {};
  for (const output of Stacks?.[0]?.Outputs ?? []) if (output.OutputKey && output.OutputValue) outputs[output.OutputKey] = output.OutputValue;
  return outputs;
}

/** One invalidation of every path: HTML is no-cache already, this clears what edges still hold. */
export async function invalidateDistribution(
  cloudfront: CloudFrontClient,
  distributionId: string,
  reference = `deploy-web-${Date.now()}`,
): Promise<string | undefined> {
  const reply = await cloudfront.send(
    new CreateInvalidationCommand({ DistributionId: distributionId, InvalidationBatch: { CallerReference: reference, Paths: { Quantity: 1, Items: ['/*'] } } }),
  );
  return reply.Invalidation?.Id;
}

/**
 * The Gift Tracker's run-time settings (its Cognito pool: /gift-tracker/config.json), from the
 * stage's COGNITO_USER_POOL_ID, COGNITO_CLIENT_ID and AWS_REGION, as the local gateway serves them
 * from the local platform's. Refused without them: the app could not sign anyone in.
 */
export function giftTrackerConfigFile(env: NodeJS.ProcessEnv = process.env): string {
  const missing = ['COGNITO_USER_POOL_ID', 'COGNITO_CLIENT_ID'].filter((name) => !env[name]);
  if (missing.length) throw new Error(`${missing.join(' and ')} not set: the Gift Tracker app needs the stage's user pool and app client`);
  return `${JSON.stringify(giftTrackerConfig({ ...env, COGNITO_ENDPOINT: undefined }))}\n`;
}

export async function deployWeb(
  args: DeployArgs,
  clients = { s3: new S3Client({}), cloudformation: new CloudFormationClient({}), cloudfront: new CloudFrontClient({}) },
) {
  let { bucket, distributionId } = args;
  if (!bucket || !distributionId) {
    const outputs = await edgeOutputs(clients.cloudformation, args.stage);
    bucket ??= outputs.WebBucketName;
    distributionId ??= outputs.DistributionId;
    if (!bucket || !distributionId)
      throw new Error(`stack ${edgeStackName(args.stage)} has no WebBucketName/DistributionId output: pass --bucket and --distribution-id`);
  }
  const config = giftTrackerConfigFile();
  if (!args.skipBuild) buildWeb({ log: console.log });
  const dist = join(__dirname, '..', '..', 'web', 'dist');
  // Uploaded with the build (no-cache, like every non-hashed file), then removed: locally the gateway serves its own.
  const configFile = join(dist, GIFT_TRACKER_CONFIG_PATH);
  writeFileSync(configFile, config);
  const plan = await syncToBucket(clients.s3, bucket, dist, console.log).finally(() => rmSync(configFile, { force: true }));
  const invalidation = await invalidateDistribution(clients.cloudfront, distributionId);
  console.log(
    `deployed to s3://${bucket}: ${plan.uploads.length} uploaded, ${plan.deletes.length} deleted; CloudFront ${distributionId} invalidation ${invalidation}`,
  );
}

if (require.main === module) {
  deployWeb(parseDeployArgs(process.argv.slice(2))).catch((error: Error) => {
    console.error(`deploy:web failed: ${error.message}`);
    process.exit(1);
  });
}
