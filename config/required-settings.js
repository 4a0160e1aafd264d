// What a real stage (anything but `local`) cannot be packaged or deployed without: the settings
// config/stages.yml reads from the environment. Missing ones are named, all at once, before any
// template is written: a placeholder pool id or origin in a template would deploy a platform that
// cannot sign anyone in (docs/infrastructure.md "Settings of a stage").
const REQUIRED = [
  ['origin', 'PUBLIC_ORIGIN', "the stage's public origin, https://<custom domain> or the CloudFront URL (the token issuer derives from it)"],
  ['cognitoUserPoolId', 'COGNITO_USER_POOL_ID', 'the Gift Tracker user pool, e.g. us-east-1_AbCdEf123'],
  ['cognitoClientId', 'COGNITO_CLIENT_ID', "the pool's app client id"],
  ['alarmEmail', 'ALARM_EMAIL', 'where the alarms of the stage are sent'],
];

/** Sentences naming each missing or unusable setting; empty when the stage can be packaged. */
function settingProblems(stage, settings) {
  if (stage === 'local') return [];
  const problems = REQUIRED.filter(([key]) => !String(settings[key] ?? '').trim()).map(([, env, what]) => `${env} is not set: ${what}`);
  const origin = String(settings.origin ?? '');
  if (origin && !/^https:\/\/[a-z0-9.-]+$/i.test(origin)) problems.push(`PUBLIC_ORIGIN must be https://<host> with no path or trailing slash, got "${origin}"`);
  const domain = String(settings.domainName ?? '');
  const certificate = String(settings.certificateArn ?? '');
  if (Boolean(domain) !== Boolean(certificate))
    problems.push('DOMAIN_NAME and CERTIFICATE_ARN go together (an ACM certificate in us-east-1 for that domain), or neither');
  if (domain && origin && origin !== `https://${domain}`) problems.push(`PUBLIC_ORIGIN must be https://${domain} when DOMAIN_NAME is ${domain}`);
  return problems;
}

module.exports = { settingProblems, REQUIRED };
