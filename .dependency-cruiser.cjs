/**
 * What may import what (docs/architecture.md explains the layers). Run by `npm run lint`
 * (`npm run lint:deps` alone). Paths are relative to the repository root; `$1` in a `to` path is
 * the group captured by the rule's `from` path.
 *
 *   libs/src/<module>          the platform: imports no product and no service
 *   packages/<product>/src     a product: model.ts and domain/ (pure), repositories/ (DynamoDB)
 *   services/<name>/src        Lambda handlers: import libs and packages, never another service
 *   scripts/, test/, config/   operations, shared test support, Serverless config
 */

/** Modules that do I/O: what a product's model and pure domain must not import. */
const IO_CORE_MODULES = '^(node:)?(fs|fs/promises|net|http|https|http2|child_process|dgram|tls|dns|cluster|worker_threads)$';
const IO_NPM_MODULES = '(^|/)node_modules/(@aws-sdk|@smithy|@middy)/';
const IO_PLATFORM_MODULES = '^(libs/src/(db|identity|storage|config|http)/|packages/[^/]+/src/repositories/)';
/** Code that ships in a Lambda bundle (tests that sit next to libs code excluded). */
const RUNTIME_CODE = '^(libs/src|packages/[^/]+/src|services/[^/]+/src)/';
const TEST_FILE = '\\.test\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
/** Siblings under `folder` (services/<a>, packages/<a>) never import each other. */
const apart = (name, folder, comment) => ({
  name,
  comment,
  severity: 'error',
  from: { path: `^${folder}/([^/]+)/` },
  to: { path: `^${folder}/`, pathNot: `^${folder}/$1/` },
});

module.exports = {
  forbidden: [
    {
      name: 'domain-imports-no-io',
      comment:
        "A product's model.ts and domain/ are pure rules: no AWS SDK, no Middy, no file, network or process modules, no repositories, no platform module that does I/O.",
      severity: 'error',
      from: { path: '^packages/[^/]+/src/(domain/|model\\.ts$)' },
      to: { path: [IO_CORE_MODULES, IO_NPM_MODULES, IO_PLATFORM_MODULES] },
    },
    apart(
      'no-cross-service-import',
      'services',
      "A service never imports another service's source or tests: what two services share belongs in libs/ or in a product package.",
    ),
    {
      name: 'runtime-code-imports-no-tests-or-scripts',
      comment: 'Handlers, libs and packages never import test support (test/, any <x>/test/) or operations scripts: none of it ships in a Lambda.',
      severity: 'error',
      from: { path: RUNTIME_CODE, pathNot: TEST_FILE },
      to: { path: ['(^|/)test/', '^scripts/', TEST_FILE] },
    },
    {
      name: 'libs-import-no-product-or-service',
      comment: 'libs/ is the platform: it knows no product (packages/) and no service.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^(packages|services)/' },
    },
    {
      name: 'packages-import-no-service',
      comment: 'A product package is used by services, never the other way round.',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: '^services/' },
    },
    apart('products-are-independent', 'packages', 'packages/loans and packages/gift-tracker do not import each other (nor any other product package).'),
    {
      name: 'no-circular',
      comment: 'No import cycles, type-only imports included (tsPreCompilationDeps below).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves (so a misconfigured path alias cannot hide an import from the rules above).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-non-package-json',
      comment: 'Every npm package imported is declared in package.json (not there by chance as a dependency of a dependency).',
      severity: 'error',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'runtime-code-no-dev-dependencies',
      comment: 'Code that ships in a Lambda imports only dependencies, not devDependencies (type-only imports such as aws-lambda types are fine).',
      severity: 'error',
      from: { path: RUNTIME_CODE, pathNot: TEST_FILE },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // libs/ and packages/* are npm workspaces without dependencies of their own: their imports are
    // checked against the root package.json.
    combinedDependencies: true,
    exclude: { path: '(^|/)(\\.serverless|\\.esbuild|\\.build|\\.local|coverage)/' },
    // Type-only imports count: a cycle through `import type` is still a cycle in the design.
    tsPreCompilationDeps: true,
    // @platform/libs/*, @platform/loans/*, @platform/gift-tracker/* (tsconfig.base.json paths).
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.cjs', '.mjs', '.json', '.d.ts'],
      mainFields: ['main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
