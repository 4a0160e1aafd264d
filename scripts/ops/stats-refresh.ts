/**
 * `stats-refresh`: the loans service's scheduled refresh of days overdue and PAR30, by hand.
 * Locally it runs the same function in this process against DynamoDB Local; on AWS stages it
 * invokes the deployed scheduled function (`sls invoke -f refreshStats`), the same code the schedule runs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type OpsContext, useStageEnvironment } from './context';
import { runSls } from './sls';
import { loadServiceModule } from './load-service-code';

const MODULE = join('services', 'loans', 'src', 'statistics.ts');
const EXPORT = 'refreshOverdueStatistics';
const SCHEDULED_FUNCTION = 'refreshStats';

export async function statsRefresh(ctx: OpsContext): Promise<void> {
  if (!ctx.isLocal) {
    const config = join(ctx.root, 'services', 'loans', 'serverless.ts');
    if (!existsSync(config) || !readFileSync(config, 'utf8').includes(SCHEDULED_FUNCTION)) {
      throw new Error(`services/loans has no ${SCHEDULED_FUNCTION} function in its serverless config`);
    }
    const { code } = await runSls(ctx, 'loans', ['invoke', '-f', SCHEDULED_FUNCTION]);
    if (code !== 0) throw new Error(`sls invoke -f ${SCHEDULED_FUNCTION} failed (exit ${code})`);
    return;
  }
  const file = join(ctx.root, MODULE);
  if (!existsSync(file)) throw new Error(`${MODULE} does not exist yet: the loans service has no statistics refresh`);
  useStageEnvironment(ctx);
  const statistics = loadServiceModule<Record<string, unknown>>(file);
  const refresh = statistics[EXPORT] as undefined | (() => Promise<{ asOf: string; byCurrency: Record<string, unknown> }>);
  if (typeof refresh !== 'function') throw new Error(`${MODULE} does not export ${EXPORT}()`);
  const snapshot = await refresh();
  ctx.log(`stats     refreshed as of ${snapshot.asOf}: ${JSON.stringify(snapshot.byCurrency)}`);
}
