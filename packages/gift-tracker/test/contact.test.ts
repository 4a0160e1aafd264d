import { ValidationError } from '@platform/libs/errors';
import { assertBirthday, formatBirthday, isBirthday, normalizeNameKey, parseBirthday } from '../src/domain/contact';

describe('normalizeNameKey: the case-insensitive prefix search key', () => {
  it.each([
    ['lower-cases', 'Alice Smith', 'alice smith'],
    ['trims surrounding whitespace', '  Bob \t', 'bob'],
    ['collapses inner whitespace runs', 'Anna   Maria\u00a0Lopez', 'anna maria lopez'],
    ['folds full-width letters (NFKC)', 'ＡＬＩＣＥ', 'alice'],
    ['folds compatibility ligatures (NFKC)', 'ﬁona', 'fiona'],
    ['composes decomposed accents (NFKC)', 'E\u0301mile', 'émile'],
    ['keeps precomposed accents', 'Émile', 'émile'],
    ['lower-cases beyond ASCII', 'ÖZGÜR ΣΟΦΊΑ', 'özgür σοφία'],
    ['keeps scripts without case', '山田 太郎', '山田 太郎'],
    ['an empty name gives an empty key', '   ', ''],
  ])('%s: %j -> %j', (_rule, name, key) => {
    expect(normalizeNameKey(name)).toBe(key);
  });

  it.each([
    ['ali', 'Alice'],
    ['ALI', 'alice'],
    ['  al', 'ALICE'],
    ['ａｌ', 'Alice'],
    ['émi', 'ÉMILE'],
    ['é', 'E\u0301mile'],
  ])('a query %j finds %j by prefix', (query, name) => {
    expect(normalizeNameKey(name).startsWith(normalizeNameKey(query))).toBe(true);
  });

  it('is idempotent', () => {
    for (const name of ['  ÅSA  Ｂerg ', 'ﬁ', 'İstanbul']) expect(normalizeNameKey(normalizeNameKey(name))).toBe(normalizeNameKey(name));
  });
});

describe('birthdays: YYYY-MM-DD or --MM-DD', () => {
  it.each([
    ['a real date', '1990-05-15', { year: 1990, month: 5, day: 15 }],
    ['29 February of a leap year', '2000-02-29', { year: 2000, month: 2, day: 29 }],
    ['the earliest year accepted', '1900-01-01', { year: 1900, month: 1, day: 1 }],
    ['a month and day without a year', '--05-15', { year: null, month: 5, day: 15 }],
    ['29 February without a year', '--02-29', { year: null, month: 2, day: 29 }],
    ['31 December without a year', '--12-31', { year: null, month: 12, day: 31 }],
  ])('accepts %s: %s', (_rule, text, expected) => {
    expect(parseBirthday(text)).toEqual(expected);
    expect(isBirthday(text)).toBe(true);
    expect(assertBirthday(text)).toBe(text);
    expect(formatBirthday(expected)).toBe(text);
  });

  it.each([
    ['29 February of a common year', '2023-02-29'],
    ['a 13th month', '2024-13-01'],
    ['day 0', '2024-01-00'],
    ['31 April', '2024-04-31'],
    ['30 February without a year', '--02-30'],
    ['31 June without a year', '--06-31'],
    ['month 00 without a year', '--00-10'],
    ['month 13 without a year', '--13-10'],
    ['single digits', '1990-5-15'],
    ['a day-month form', '15-05-1990'],
    ['one dash before month/day', '-05-15'],
    ['a timestamp', '1990-05-15T00:00:00Z'],
    ['an empty string', ''],
    ['a number', 19900515],
    ['null', null],
  ])('rejects %s: %j', (_rule, text) => {
    expect(parseBirthday(text)).toBeUndefined();
    expect(isBirthday(text)).toBe(false);
    expect(() => assertBirthday(text)).toThrow(ValidationError);
    expect(() => assertBirthday(text)).toThrow(expect.objectContaining({ status: 400, details: [expect.objectContaining({ field: 'birthday' })] }));
  });

  it.each([
    ['before 1900', '1899-12-31', '2026-12-01'],
    ['after today', '2026-12-02', '2026-12-01'],
    ['far in the future', '2999-12-31', '2026-12-01'],
  ])('refuses a birthday %s (it reads as a date, but no one was born then): %s', (_when, text, today) => {
    expect(parseBirthday(text)).toBeDefined();
    expect(() => assertBirthday(text, 'birthday', today)).toThrow(
      expect.objectContaining({ status: 400, details: [expect.objectContaining({ field: 'birthday' })] }),
    );
  });

  it('accepts a birthday dated today', () => {
    expect(assertBirthday('2026-12-01', 'birthday', '2026-12-01')).toBe('2026-12-01');
  });

  it('names the field it was given', () => {
    expect(() => assertBirthday('--02-30', 'contacts[0].birthday')).toThrow(
      expect.objectContaining({ details: [expect.objectContaining({ field: 'contacts[0].birthday' })] }),
    );
  });
});
