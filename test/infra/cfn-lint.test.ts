/**
 * cfn-lint, AWS's CloudFormation validator, on every packaged template (test/infra/global-setup.ts
 * packages them for prod): no error and no warning. A warning that cannot be fixed at its cause is
 * suppressed on its resource (`Metadata: { 'cfn-lint': { config: { ignore_checks: [...] } } }`)
 * by the builder that writes it, with the reason beside it; there is none today.
 *
 * cfn-lint is a Python tool, on the CI machines; this fails (it does not skip) when it is missing.
 */
import { spawnSync } from 'node:child_process';
import { relative } from 'node:path';
import { REPO_ROOT, templatePath } from '../../scripts/infra/packager';
import { SERVICES } from './templates';

/** The version the rules were checked with: rules are added between releases, so a different one is reported. */
const PINNED_VERSION = '1.51.0';
const CFN_LINT = process.env.CFN_LINT ?? 'cfn-lint';
const INSTALL = `install it with \`pipx install cfn-lint==${PINNED_VERSION}\` (or \`pip install cfn-lint==${PINNED_VERSION}\`), or set CFN_LINT to its path (the CI machines have it)`;

interface Match {
  Filename: string;
  Level: 'Error' | 'Warning' | 'Informational';
  Message: string;
  Location: { Path?: Array<string | number>; Start: { LineNumber: number } };
  Rule: { Id: string };
}

function installedVersion(): string {
  const run = spawnSync(CFN_LINT, ['--version'], { encoding: 'utf8' });
  if (run.error) throw new Error(`cfn-lint not found (${(run.error as NodeJS.ErrnoException).code}): ${INSTALL}`);
  const version = /cfn-lint (\d+\.\d+\.\d+)/.exec(`${run.stdout}${run.stderr}`)?.[1];
  if (!version) throw new Error(`\`${CFN_LINT} --version\` said ${JSON.stringify(run.stdout + run.stderr)}: ${INSTALL}`);
  return version;
}

let matches: Match[] = [];

beforeAll(() => {
  installedVersion(); // fails the suite with how to install it
  // One run for every template: each start of the Python tool costs seconds.
  const files = SERVICES.map((s) => relative(REPO_ROOT, templatePath(s)));
  const run = spawnSync(CFN_LINT, ['--format', 'json', '--', ...files], { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  // Exit code: a bit mask of what was found (2 errors, 4 warnings, 8 informational); 1 is a crash.
  if (run.error || run.status === 1 || !run.stdout.trim().startsWith('[')) {
    throw new Error(`cfn-lint did not run (status ${run.status}): ${run.error ?? run.stderr.slice(-2000)}`);
  }
  matches = JSON.parse(run.stdout) as Match[];
}, 180_000);

it(`is cfn-lint ${PINNED_VERSION}, the version the templates were checked with`, () => {
  expect({ cfnLint: installedVersion() }).toEqual({ cfnLint: PINNED_VERSION });
});

it.each(SERVICES)('finds no error and no warning in the %s template', (service) => {
  const file = relative(REPO_ROOT, templatePath(service));
  const found = matches
    .filter((m) => m.Filename === file && m.Level !== 'Informational')
    .map((m) => `${m.Rule.Id} ${(m.Location.Path ?? []).join('/')} (line ${m.Location.Start.LineNumber}): ${m.Message}`);
  expect(found).toEqual([]);
});
