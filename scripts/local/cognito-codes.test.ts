/** The confirmation codes of cognito-local's output, surfaced as one line each (what `npm start` prints). */
import { codeFromLine, confirmationCodeLine, confirmationCodeReader, type ConfirmationCode } from './cognito-codes';

// cognito-local 5.3.0's output for one SignUp (pino with colours, then boxen's box), as captured.
const ESC = '\u001b';
const SIGN_UP_OUTPUT = [
  `[1796119609923] ${ESC}[32mINFO${ESC}[39m: ${ESC}[36m61ad97cb SignUp ╭──────────────────────────────────────────╮`,
  '│                                                       │',
  '│   Confirmation Code Delivery                          │',
  '│                                                       │',
  '│   Username:    e0db1759-0e75-4ecf-9c27-deb1822a3cdb   │',
  '│   Destination: ada@example.com                        │',
  '│   Code:        076521                                 │',
  '│                                                       │',
  `╰──────────────────────────────────────────╯${ESC}[39m ${ESC}[90m{"reqId":"61ad97cb","target":"SignUp"}${ESC}[39m`,
];

function read(lines: string[]): ConfirmationCode[] {
  const found: ConfirmationCode[] = [];
  const reader = confirmationCodeReader((code) => found.push(code));
  for (const line of lines) reader(line);
  return found;
}

describe('confirmation codes from cognito-local', () => {
  test('a delivery box gives its destination and code', () => {
    expect(read(SIGN_UP_OUTPUT)).toEqual([{ destination: 'ada@example.com', code: '076521' }]);
  });

  test('two sign-ups give two codes; other output gives none', () => {
    const other = ['Cognito Local running on http://127.0.0.1:9229', 'Code: 999999 outside a box'];
    const second = SIGN_UP_OUTPUT.map((l) => l.replace('ada@example.com', 'bob@example.com').replace('076521', '123456'));
    expect(read([...other, ...SIGN_UP_OUTPUT, ...other, ...second])).toEqual([
      { destination: 'ada@example.com', code: '076521' },
      { destination: 'bob@example.com', code: '123456' },
    ]);
  });

  test('the printed line reads back for its destination only', () => {
    const line = confirmationCodeLine({ destination: 'ada@example.com', code: '076521' });
    expect(line).toBe('cognito   confirmation code for ada@example.com: 076521');
    expect(codeFromLine(line, 'ada@example.com')).toBe('076521');
    expect(codeFromLine(line, 'bob@example.com')).toBeUndefined();
  });
});
