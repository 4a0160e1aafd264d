/**
 * globalSetup of the `infra` Jest project: `sls package --stage prod` for every service, two at a
 * time, without AWS credentials (scripts/infra/packager.ts). A service whose inputs and template
 * are unchanged since its last package is not packaged again, so a re-run takes a second.
 */
import { packageServices } from '../../scripts/infra/packager';

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const results = await packageServices({ stage: 'prod', concurrency: 2, reuseFresh: process.env.INFRA_FORCE_PACKAGE !== '1', dropStageEnv: true });
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
