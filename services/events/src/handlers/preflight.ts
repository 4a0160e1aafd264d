export { preflight as handler } from '@platform/libs/http';
