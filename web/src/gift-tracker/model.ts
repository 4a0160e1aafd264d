/** The Gift Tracker's resources as the API returns them, and the rules the pages show. */
import type { Schema } from '@platform/api-client';

export type Contact = Schema<'Contact'>;
export type GiftEvent = Schema<'Event'>;
export type Gift = Schema<'GiftReply'>;
export type Direction = Gift['direction'];
export type GiftStatus = Gift['status'];
export type EventType = GiftEvent['type'];

/** Each direction's statuses in order (docs/gift-tracker-domain.md, "Gift status"). */
export const STATUS_FLOW: Record<Direction, GiftStatus[]> = {
  given: ['idea', 'planned', 'purchased', 'wrapped', 'given'],
  received: ['received', 'thanked'],
};

export const STATUS_LABEL: Record<GiftStatus, string> = {
  idea: 'Idea',
  planned: 'Planned',
  purchased: 'Purchased',
  wrapped: 'Wrapped',
  given: 'Given',
  received: 'Received',
  thanked: 'Thanked',
};

export const DIRECTION_LABEL: Record<Direction, string> = { given: 'Given by me', received: 'Received' };

export const EVENT_TYPES: Array<{ value: EventType; label: string }> = [
  { value: 'birthday', label: 'Birthday' },
  { value: 'holiday', label: 'Holiday' },
  { value: 'anniversary', label: 'Anniversary' },
  { value: 'wedding', label: 'Wedding' },
  { value: 'other', label: 'Other' },
];

/** Where a gift may move: forward any number of steps, or back one (an undo). */
export function moves(direction: Direction, status: GiftStatus): { forward: GiftStatus[]; back?: GiftStatus } {
  const flow = STATUS_FLOW[direction];
  const at = flow.indexOf(status);
  if (at < 0) return { forward: [] };
  return { forward: flow.slice(at + 1), back: at > 0 ? flow[at - 1] : undefined };
}

/** "--12-09" or "1990-12-09" as a person reads it ("9 Dec" / "9 Dec 1990"). */
export function formatBirthday(birthday: string, locale?: string): string {
  const yearless = /^--(\d{2})-(\d{2})$/.exec(birthday);
  if (yearless) {
    return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
      Date.UTC(2000, Number(yearless[1]) - 1, Number(yearless[2])),
    );
  }
  const [y, m, d] = birthday.split('-').map(Number);
  if (!y || !m || !d) return birthday;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
}

/** "books, tea" -> ["books", "tea"] */
export const splitList = (text: string): string[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** "shirt: M\nshoes: 42" -> {shirt: "M", shoes: "42"}; a line without a colon is an error (returned as its text). */
export function parseSizes(text: string): { sizes: Record<string, string>; bad?: string } {
  const sizes: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const at = line.indexOf(':');
    if (at <= 0 || !line.slice(at + 1).trim()) return { sizes, bad: line };
    sizes[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return { sizes };
}

/** Today's date in the browser's time zone (what a person means by "today"). */
export function todayLocal(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  return parts; // en-CA formats as YYYY-MM-DD
}

/** A calendar date plus n days (UTC arithmetic on the date itself: no time zone shift). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
