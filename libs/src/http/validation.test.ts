import { detailsOf, normalizeText } from './validation';

const refused = (value: unknown) => {
  try {
    normalizeText(value);
  } catch (error) {
    return error as { status: number; details: { field: string }[] };
  }
  throw new Error('expected a 400');
};

describe('text in bodies', () => {
  it.each([
    ['trims', { name: '  Ada  ' }, { name: 'Ada' }],
    ['keeps tab and newline inside', { notes: 'line 1\n\tline 2' }, { notes: 'line 1\n\tline 2' }],
    ['stores NFC (e + combining acute is é)', { name: 'Jose\u0301' }, { name: 'José' }],
    ['keeps a surrogate pair (an emoji)', { name: 'gift \u{1F381}' }, { name: 'gift \u{1F381}' }],
    ['leaves passwords exactly as sent', { password: '  Pa\u0301ss  ', newPassword: ' x ' }, { password: '  Pa\u0301ss  ', newPassword: ' x ' }],
    ['walks arrays and nested objects', { interests: [' a ', 'b'], sizes: { shirt: ' M ' } }, { interests: ['a', 'b'], sizes: { shirt: 'M' } }],
    ['leaves numbers, booleans and null alone', { n: 1, b: true, z: null }, { n: 1, b: true, z: null }],
  ])('%s', (_rule, body, stored) => {
    expect(normalizeText(body)).toEqual(stored);
  });

  it.each([
    ['NUL', { name: 'Ada\u0000' }, 'name'],
    ['carriage return', { notes: 'a\r\nb' }, 'notes'],
    ['escape', { name: '\u001b[31mred' }, 'name'],
    ['a C1 control', { name: 'a\u0085b' }, 'name'],
    ['a lone high surrogate', { name: 'a\uD83Db' }, 'name'],
    ['a lone low surrogate', { name: '\uDC00' }, 'name'],
    ['inside a list', { interests: ['ok', 'bad\u0007'] }, 'interests.1'],
    ['inside a nested object', { sizes: { shirt: '\uD800' } }, 'sizes.shirt'],
  ])('refuses %s with a 400 naming the field', (_what, body, field) => {
    const error = refused(body);
    expect(error.status).toBe(400);
    expect(error.details).toEqual([expect.objectContaining({ field })]);
  });
});

describe('what a person reads beside a field', () => {
  const error = (keyword: string, params: Record<string, unknown>, message = 'raw validator text') =>
    ({ keyword, params, instancePath: '/purpose', schemaPath: '#', message }) as unknown as import('ajv').ErrorObject;

  it.each([
    ['minLength 1', error('minLength', { limit: 1 }), 'must not be empty'],
    ['minLength 8', error('minLength', { limit: 8 }), 'must be at least 8 characters'],
    ['maxLength 1', error('maxLength', { limit: 1 }), 'must be at most 1 character'],
    ['minimum', error('minimum', { limit: 1 }), 'must be at least 1'],
    ['exclusiveMinimum', error('exclusiveMinimum', { limit: 0 }), 'must be more than 0'],
    ['maximum', error('maximum', { limit: 360 }), 'must be at most 360'],
    ['type integer', error('type', { type: 'integer' }), 'must be a whole number'],
    ['type string or null', error('type', { type: ['string', 'null'] }), 'must be text or null'],
    ['minItems', error('minItems', { limit: 1 }), 'must have at least 1 item'],
    ['pattern', error('pattern', { pattern: '^[A-Z]{3}$' }), 'is not in the expected format'],
    ['an unknown keyword keeps the validator text', error('uniqueItems', {}), 'raw validator text'],
  ])('%s', (_keyword, e, message) => {
    expect(detailsOf([e])).toEqual([{ field: 'purpose', message }]);
  });
});
