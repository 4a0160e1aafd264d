export { authorizer as handler } from '@platform/libs/authorizer';
