/**
 * `npm run ops -- <verb> [--stage local|dev|prod] ...`: the routine operations tasks as commands
 * (docs/operations.md). Returns the exit code: 0 done, 1 failed or found a difference,
 * 2 bad arguments (usage printed). Anything that writes to prod needs --yes.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { createContext, STAGES, type OpsContext, type Stage } from './context';
import { backup } from './backup';
import { restore } from './restore';
import { verify } from './verify';
import { seed } from './seed';
import { statsRefresh } from './stats-refresh';
import { health, parseWindow } from './health';
import { logs } from './logs';
import { calendarBackfill } from './calendar-backfill';

export const USAGE = `usage: npm run ops -- <verb> [--stage local|dev|prod] [options]

  backup        [--out <folder>] [--page-size N]      every table to JSON lines + manifest.json (AWS: also CreateBackup)
  restore       --from <folder> [--suffix restored]   into fresh tables platform-<stage>-<table>-<suffix>
  verify        [--suffix restored] [--from <folder>] compare tables (or a backup) with the <suffix> tables, item by item
  seed          [--demo] [--url <platform url>]       the admin; --demo: staff, borrowers, gifts, loans via the API
  stats-refresh                                       the daily overdue / PAR30 refresh, now
  health        [--since 1h] [--logs <dir>]           per service: requests, errors, p50/p95 latency
  logs          <service> [-f <function>] [--since 10m] [--once]   tail a service's logs (sls logs -t)
  calendar-backfill                                   one-off: events and birthdays written before the two-position calendar

  --stage defaults to local. On prod, restore, seed, stats-refresh and calendar-backfill need --yes.`;

const COMMON = {
  stage: { type: 'string', default: 'local' },
  yes: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;
const VERBS = {
  backup: { options: { out: { type: 'string' }, 'page-size': { type: 'string' } }, positionals: 0, writes: false },
  restore: { options: { from: { type: 'string' }, suffix: { type: 'string', default: 'restored' } }, positionals: 0, writes: true },
  verify: {
    options: { from: { type: 'string' }, suffix: { type: 'string', default: 'restored' }, show: { type: 'string', default: '10' } },
    positionals: 0,
    writes: false,
  },
  seed: { options: { demo: { type: 'boolean', default: false }, url: { type: 'string' } }, positionals: 0, writes: true },
  'stats-refresh': { options: {}, positionals: 0, writes: true },
  'calendar-backfill': { options: {}, positionals: 0, writes: true },
  health: { options: { since: { type: 'string', default: '1h' }, logs: { type: 'string' } }, positionals: 0, writes: false },
  logs: {
    options: { function: { type: 'string', short: 'f' }, since: { type: 'string' }, once: { type: 'boolean', default: false }, logs: { type: 'string' } },
    positionals: 1,
    writes: false,
  },
} satisfies Record<string, { options: ParseArgsConfig['options']; positionals: number; writes: boolean }>;
type Verb = keyof typeof VERBS;

class UsageError extends Error {}
class HelpRequested extends Error {}

export interface CliIo {
  log(line: string): void;
  error(line: string): void;
  /** for tests: a DynamoDB Local on another port */
  dynamodbEndpoint?: string;
}

const positiveInt = (text: string | undefined, name: string): number | undefined => {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a positive integer`);
  return n;
};

/** parseArgs' complaints (unknown option, missing value) are usage errors: exit 2 with the usage. */
function asUsageError<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function parse(argv: string[]) {
  const [verb, ...rest] = argv;
  if (verb === '--help' || verb === '-h' || verb === 'help') throw new HelpRequested();
  if (!verb) throw new UsageError('no verb given');
  if (!(verb in VERBS)) throw new UsageError(`unknown verb "${verb}"`);
  const spec = VERBS[verb as Verb];
  const parsed = asUsageError(() => parseArgs({ args: rest, options: { ...COMMON, ...spec.options }, allowPositionals: true, strict: true }));
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help) throw new HelpRequested();
  if (!STAGES.includes(values.stage as Stage)) throw new UsageError(`--stage must be one of ${STAGES.join(', ')}`);
  if (parsed.positionals.length !== spec.positionals) {
    throw new UsageError(
      spec.positionals ? `${verb} needs exactly ${spec.positionals} argument (the service)` : `unexpected argument "${parsed.positionals[0]}"`,
    );
  }
  if (spec.writes && values.stage === 'prod' && !values.yes) throw new UsageError(`${verb} writes to prod: add --yes if you mean it`);
  if ('suffix' in values && !/^[a-z0-9][a-z0-9-]{0,30}$/.test(String(values.suffix)))
    throw new UsageError('--suffix: lower-case letters, digits and dashes (e.g. restored)');
  if (verb === 'restore' && !values.from) throw new UsageError('restore needs --from <backup folder>');
  if (typeof values.since === 'string' && verb === 'health') {
    try {
      parseWindow(values.since);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  return { verb: verb as Verb, values, positionals: parsed.positionals };
}

async function dispatch(ctx: OpsContext, verb: Verb, v: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number> {
  switch (verb) {
    case 'backup':
      await backup(ctx, { out: v.out as string | undefined, pageSize: positiveInt(v['page-size'] as string | undefined, 'page-size') });
      return 0;
    case 'restore':
      await restore(ctx, { from: v.from as string, suffix: v.suffix as string });
      return 0;
    case 'verify':
      return (await verify(ctx, { suffix: v.suffix as string, from: v.from as string | undefined, show: positiveInt(v.show as string, 'show') })).equal ? 0 : 1;
    case 'seed':
      await seed(ctx, { demo: !!v.demo, url: (v.url as string | undefined) ?? process.env.PLATFORM_URL ?? 'http://localhost:3000' });
      return 0;
    case 'stats-refresh':
      await statsRefresh(ctx);
      return 0;
    case 'calendar-backfill':
      await calendarBackfill(ctx);
      return 0;
    case 'health':
      await health(ctx, { since: v.since as string, logDir: v.logs as string | undefined });
      return 0;
    case 'logs':
      return logs(ctx, {
        service: positionals[0],
        fn: v.function as string | undefined,
        since: v.since as string | undefined,
        once: !!v.once,
        logDir: v.logs as string | undefined,
      });
  }
}

export async function runCli(argv: string[], io: CliIo = { log: (l) => console.log(l), error: (l) => console.error(l) }): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    if (error instanceof HelpRequested) {
      io.log(USAGE);
      return 0;
    }
    if (!(error instanceof UsageError)) throw error;
    io.error(`error: ${error.message}`);
    io.error(USAGE);
    return 2;
  }
  const ctx = createContext(parsed.values.stage as Stage, { log: io.log, dynamodbEndpoint: io.dynamodbEndpoint });
  try {
    return await dispatch(ctx, parsed.verb, parsed.values, parsed.positionals);
  } catch (error) {
    if (error instanceof UsageError) {
      io.error(`error: ${error.message}\n${USAGE}`);
      return 2;
    }
    io.error(`error: ${(error as Error).message}`);
    return 1;
  } finally {
    ctx.close();
  }
}
