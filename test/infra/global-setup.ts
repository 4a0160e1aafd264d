/**
 * globalSetup of the `infra` Jest project: `sls package --stage prod` for every service, two at a
 * time, without AWS credentials (scripts/infra/packager.ts). A service whose inputs and template
 * are unchanged since its last package is not packaged again, so a re-run takes a second.
 */
import { packageServices } from '../../scripts/infra/packager';

/** A prod stage's required settings, as an operator gives them (example values: nothing is deployed). */
export const EXAMPLE_PROD_SETTINGS = {
  PUBLIC_ORIGIN: 'https://app.example.com',
  DOMAIN_NAME: 'app.example.com',
  CERTIFICATE_ARN: 'arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000',
  COGNITO_USER_POOL_ID: 'us-east-1_Example01',
  COGNITO_CLIENT_ID: 'exampleclientid0123456789',
  ALARM_EMAIL: 'alarms@example.com',
};

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const results = await packageServices({
    stage: 'prod',
    concurrency: 2,
    reuseFresh: process.env.INFRA_FORCE_PACKAGE !== '1',
    dropStageEnv: true,
    settings: EXAMPLE_PROD_SETTINGS,
  });
  const failed = results.filter((r) => !r.ok);
  const packaged = results.filter((r) => r.ok && !r.reused).map((r) => r.service);
  console.log(
    `\n[infra] templates for stage prod in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
      `${packaged.length ? `packaged ${packaged.join(', ')}` : 'all unchanged'}${failed.length ? `; FAILED ${failed.map((r) => r.service).join(', ')}` : ''}`,
  );
  if (failed.length) {
    throw new Error(failed.map((r) => `sls package failed in services/${r.service}:\n${r.output.slice(-3000)}`).join('\n\n'));
  }
}
