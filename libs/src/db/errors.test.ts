/** Which failures of a dependency are a 503 SERVICE_UNAVAILABLE with Retry-After (asUnavailable). */
import { asUnavailable } from './errors';

const withCode = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:8000`), { code });

describe('asUnavailable', () => {
  it.each([
    ['a refused connection', withCode('ECONNREFUSED')],
    ['a reset connection', withCode('ECONNRESET')],
    ['a broken pipe', withCode('EPIPE')],
    ["the SDK's request timeout", Object.assign(new Error('timed out'), { name: 'TimeoutError' })],
    ['throttling', Object.assign(new Error('slow down'), { name: 'ProvisionedThroughputExceededException' })],
    // The SDK's retry layer re-wraps a thrown value that is not an Error of its realm and drops `code`.
    ["the SDK's wrapper of a refused connection", new Error('AWS SDK error wrapper for Error: connect ECONNREFUSED 127.0.0.1:8000')],
    ['a cause that says so', Object.assign(new Error('fetch failed'), { cause: { code: 'ECONNRESET' } })],
  ])('%s is a 503 with Retry-After', (_, error) => {
    const unavailable = asUnavailable(error);
    expect(unavailable?.status).toBe(503);
    expect(unavailable?.code).toBe('SERVICE_UNAVAILABLE');
    expect(Number(unavailable?.headers?.['Retry-After'])).toBeGreaterThanOrEqual(1);
  });

  it.each([
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a validation error of DynamoDB', Object.assign(new Error('One or more parameter values were invalid'), { name: 'ValidationException' })],
    ['not an object', 'ECONNREFUSED'],
    ['nothing', undefined],
  ])('%s is not', (_, error) => {
    expect(asUnavailable(error)).toBeUndefined();
  });
});
