// `npm test` and `npm start` run this first (pretest, prestart): the tests and the local platform
// are meant to run on the Node major of the Lambda runtime (nodejs22.x), which .nvmrc names. Another
// major is not refused (most things work), but what passes there may not be what Lambda runs.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const wanted = readFileSync(join(__dirname, '..', '.nvmrc'), 'utf8').trim();
const running = process.versions.node.split('.')[0];
if (running !== wanted) {
  console.warn(
    `\n!! Node ${process.versions.node} here; this project runs on Node ${wanted} (.nvmrc, engines, the Lambda runtime nodejs${wanted}.x).` +
      `\n!! Switch with \`nvm use\`, or run once with \`npx -y node@${wanted} ...\`; results on another major may differ from Lambda's.\n`,
  );
}
