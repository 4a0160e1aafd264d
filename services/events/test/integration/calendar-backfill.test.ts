/** `npm run ops -- calendar-backfill`: events and birthdays stored before the two-position calendar come back in GET /events/upcoming. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { addDays, formatDate, parseDate, todayIn } from '@platform/libs/dates';
import { runCli } from '../../../../scripts/ops/commands';
import { expectData } from '../../../../test/support/http';
import { createContact, createEvent, newPerson } from '../../../../test/support/gift-tracker';

const shift = (date: string, days: number) => formatDate(addDays(parseDate(date)!, days));
const TABLE = 'platform-local-gift-tracker';

it('puts items of the old layout (D#<date>, Y#<MM-DD>, no second entry) back in the calendar', async () => {
  const person = await newPerson();
  const today = formatDate(todayIn('UTC'));
  const soon = shift(today, 3);
  const early = shift(today, -5).slice(5);
  const oneOff = await createEvent(person, { name: 'One-off', date: soon });
  const yearly = await createEvent(person, { name: 'Yearly', date: `2000-${early}`, recurring: 'yearly' });
  const friend = await createContact(person, { name: 'Friend', birthday: `--${early}` });
  const upcoming = async () => expectData(await person.client.GET('/events/upcoming', { params: { query: { days: 366 } } }), 200).items.map((i) => i.name);
  const before = await upcoming();

  const local = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: process.env.DYNAMODB_ENDPOINT, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
  );
  const pk = `USER#${person.userId}`;
  for (const [sk, old] of [
    [`EVENT#${oneOff.id}`, `D#${soon}`],
    [`EVENT#${yearly.id}`, `Y#${early}`],
    [`CONTACT#${friend.id}`, `Y#${early}`],
  ]) {
    await local.send(
      new UpdateCommand({ TableName: TABLE, Key: { pk, sk }, UpdateExpression: 'SET gsi2sk = :old', ExpressionAttributeValues: { ':old': old } }),
    );
    await local.send(new DeleteCommand({ TableName: TABLE, Key: { pk, sk: `CALENDAR#${sk}` } }));
  }
  local.destroy();
  expect(await upcoming()).not.toContain('One-off'); // D#<date> is outside every range the calendar reads now

  const lines: string[] = [];
  const code = await runCli(['calendar-backfill'], { log: (l) => lines.push(l), error: (l) => lines.push(l), dynamodbEndpoint: process.env.DYNAMODB_ENDPOINT });

  expect(code).toBe(0);
  expect(lines.join('\n')).toMatch(/\d+ events and contacts at both calendar positions/);
  expect(await upcoming()).toEqual(before);
  expect(before).toEqual(['One-off', 'Friend', 'Yearly']);
});
