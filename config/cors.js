// The stage's CORS origins as one comma-separated string, for the functions' environment.
module.exports.originsText = async ({ resolveVariable }) => {
  const stage = await resolveVariable('sls:stage');
  const origins = await resolveVariable(`file(../../config/stages.yml):${stage}.corsOrigins`);
  return origins.join(',');
};
