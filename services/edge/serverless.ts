// The stage's one public origin: a CloudFront distribution in front of the web bucket (the landing
// page, /skycap/, /gift-tracker/) and of every service's API (/auth*, /users*, ...), built from
// config/routing.js like the local gateway. No functions. Deployed after every API service: it
// imports their REST API ids (serverless-compose.yml). Its outputs: OriginUrl, DistributionId,
// WebBucketName (what `npm run deploy:web` uses), AuthIssuer and JwksUrl.
import { defineResources } from '../../config/service';

export = defineResources({
  service: 'edge',
  resources: [
    {
      Resources: '${file(../../config/edge.js):resources}',
      Outputs: '${file(../../config/edge.js):outputs}',
    },
  ],
});
