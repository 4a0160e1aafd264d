/** Entry point of `npm run ops -- <verb> ...` (see commands.ts and docs/operations.md). */
import { runCli } from './commands';

// The pinned AWS SDK warns on every start that later releases need Node 22 (known: it is pinned to run on Node 20).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

void runCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
