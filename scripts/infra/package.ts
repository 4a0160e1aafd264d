/**
 * `npm run package [-- --stage prod] [--concurrency 2] [service ...]`: `sls package` for every
 * service (services/<name>/serverless.ts), the CloudFormation `sls deploy` would send, with no
 * AWS credentials: the children get none, so a variable that would need AWS (${aws:accountId},
 * ${ssm:}, ${cf:}) fails here instead of silently working on a laptop that has credentials.
 * --reuse keeps a service's template when neither its inputs nor the template changed since.
 */
import { parseArgs } from 'node:util';
import { packageServices, serviceNames } from './packager';

const usage = 'usage: npm run package -- [--stage local|dev|prod] [--concurrency N] [--reuse] [service ...]';

function parseCommandLine() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        stage: { type: 'string', default: 'prod' },
        concurrency: { type: 'string', default: '2' },
        reuse: { type: 'boolean', default: false },
        help: { type: 'boolean' },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseCommandLine();
  if (values.help) return void console.log(usage);
  const known = serviceNames();
  const unknown = positionals.filter((p) => !known.includes(p));
  const concurrency = Number(values.concurrency);
  if (unknown.length || !['local', 'dev', 'prod'].includes(values.stage) || !(concurrency >= 1)) {
    console.error(`${unknown.length ? `unknown service(s): ${unknown.join(', ')} (known: ${known.join(', ')})\n` : ''}${usage}`);
    process.exit(2);
  }
  const results = await packageServices({
    stage: values.stage,
    services: positionals.length ? positionals : known,
    concurrency,
    reuseFresh: !!values.reuse,
    onDone: (r) => console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.service.padEnd(20)} ${r.reused ? 'unchanged' : `${(r.ms / 1000).toFixed(1)} s`}  ${r.template}`),
  });
  const failed = results.filter((r) => !r.ok);
  for (const r of failed) console.error(`\n--- ${r.service}: sls package failed ---\n${r.output.slice(-4000)}`);
  console.log(`\n${results.length - failed.length}/${results.length} services packaged for stage ${values.stage}`);
  process.exit(failed.length ? 1 : 0);
}

void main();
