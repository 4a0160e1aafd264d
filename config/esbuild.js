// serverless-esbuild's work folder. `sls offline` (npm start, the integration tests) bundles into
// .esbuild and loads the handlers from there while it runs; `sls package`/`deploy` delete their
// work folder when they finish. Giving them .esbuild/package means packaging (npm run package,
// the template tests) never pulls the bundles from under a running platform.
module.exports.workFolder = () => (process.argv.includes('offline') ? '.esbuild' : '.esbuild/package');
