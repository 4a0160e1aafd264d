import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { edgeOutputs, edgeStackName, giftTrackerConfigFile, invalidateDistribution, parseDeployArgs } from './deploy';

/** A client whose send() records the command and answers `reply`: CloudFront and CloudFormation have no emulator here. */
function recording<T>(reply: unknown) {
  const sent: Array<{ name: string; input: unknown }> = [];
  const client = {
    send: async (command: { constructor: { name: string }; input: unknown }) => {
      sent.push({ name: command.constructor.name, input: command.input });
      return reply;
    },
  };
  return { client: client as unknown as T, sent };
}

describe('deploy:web', () => {
  test('reads --stage, --bucket and --distribution-id (both spellings), and needs a stage', () => {
    expect(parseDeployArgs(['--stage', 'dev'])).toEqual({ stage: 'dev', bucket: undefined, distributionId: undefined, skipBuild: false });
    expect(parseDeployArgs(['--stage=prod', '--bucket', 'b', '--distribution-id=E123', '--skip-build'])).toEqual({
      stage: 'prod',
      bucket: 'b',
      distributionId: 'E123',
      skipBuild: true,
    });
    expect(() => parseDeployArgs([])).toThrow(/--stage/);
    expect(() => parseDeployArgs(['--stage', '--bucket', 'b'])).toThrow(/--stage needs a value/);
  });

  test("takes the bucket and the distribution from the edge stack's outputs", async () => {
    const { client, sent } = recording<CloudFormationClient>({
      Stacks: [
        {
          Outputs: [
            { OutputKey: 'WebBucketName', OutputValue: 'web-bucket' },
            { OutputKey: 'DistributionId', OutputValue: 'E2ABC' },
            { OutputKey: 'OriginUrl', OutputValue: 'https://x' },
          ],
        },
      ],
    });
    await expect(edgeOutputs(client, 'dev')).resolves.toEqual({ WebBucketName: 'web-bucket', DistributionId: 'E2ABC', OriginUrl: 'https://x' });
    expect(sent).toEqual([{ name: 'DescribeStacksCommand', input: { StackName: 'edge-dev' } }]);
    expect(edgeStackName('prod')).toBe('edge-prod');
  });

  test('invalidates every path of the distribution once', async () => {
    const { client, sent } = recording<CloudFrontClient>({ Invalidation: { Id: 'I1' } });
    await expect(invalidateDistribution(client, 'E2ABC', 'ref-1')).resolves.toBe('I1');
    expect(sent).toEqual([
      {
        name: 'CreateInvalidationCommand',
        input: { DistributionId: 'E2ABC', InvalidationBatch: { CallerReference: 'ref-1', Paths: { Quantity: 1, Items: ['/*'] } } },
      },
    ]);
  });

  test("writes the Gift Tracker's Cognito settings for the stage, and refuses without them", () => {
    const env = { AWS_REGION: 'eu-west-1', COGNITO_USER_POOL_ID: 'eu-west-1_Pool1', COGNITO_CLIENT_ID: 'client1', COGNITO_ENDPOINT: 'http://localhost:9229' };
    expect(JSON.parse(giftTrackerConfigFile(env))).toEqual({
      cognito: { endpoint: 'https://cognito-idp.eu-west-1.amazonaws.com', region: 'eu-west-1', userPoolId: 'eu-west-1_Pool1', clientId: 'client1' },
    });
    expect(() => giftTrackerConfigFile({ AWS_REGION: 'eu-west-1' })).toThrow(/COGNITO_USER_POOL_ID and COGNITO_CLIENT_ID not set/);
  });
});
