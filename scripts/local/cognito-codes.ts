/**
 * cognito-local "sends" a sign-up confirmation code by logging a box ("Confirmation Code Delivery",
 * Username, Destination, Code) to its output. On the local stage nobody receives mail, so the
 * platform surfaces each code as one plain line (`npm start` prints it; the test platform writes it
 * to its platform.log), and a person can finish signing up in the Gift Tracker app.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour escapes are control characters by definition
const ANSI = /\u001b\[[0-9;]*m/g;
/** boxen's border characters and the spaces inside the box */
const BOX = /^[\s│┃|]+|[\s│┃|]+$/g;

export interface ConfirmationCode {
  /** where cognito-local "sent" it (the email address) */
  destination: string;
  code: string;
}

/** The line `npm start` prints for a code (browser tests read it back from the platform log). */
export const confirmationCodeLine = ({ destination, code }: ConfirmationCode): string => `cognito   confirmation code for ${destination}: ${code}`;

/** Reads the line back: the code for `destination`, or undefined. */
export function codeFromLine(line: string, destination: string): string | undefined {
  const prefix = `cognito   confirmation code for ${destination}: `;
  return line.startsWith(prefix) ? line.slice(prefix.length).trim() : undefined;
}

/**
 * A line-by-line reader of cognito-local's output: calls `onCode` once a delivery box has shown
 * both its destination and its code.
 */
export function confirmationCodeReader(onCode: (found: ConfirmationCode) => void): (line: string) => void {
  let inBox = false;
  let destination: string | undefined;
  return (raw) => {
    const line = raw.replace(ANSI, '').replace(BOX, '');
    if (line.includes('Confirmation Code Delivery')) {
      inBox = true;
      destination = undefined;
      return;
    }
    if (!inBox) return;
    const field = /^(Destination|Code):\s+(\S+)$/.exec(line);
    if (field?.[1] === 'Destination') destination = field[2];
    else if (field?.[1] === 'Code') {
      inBox = false;
      if (destination) onCode({ destination, code: field[2] });
    }
  };
}
