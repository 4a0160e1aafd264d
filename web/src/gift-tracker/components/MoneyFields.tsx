/** An amount and its currency, read into integer minor units (shared/money: no float on the way). */
import type { ApiProblem } from '../../shared/errors';
import { SelectField, TextField } from '../../shared/forms';
import { CURRENCIES, type Money, minorDigits, parseMoney } from '../../shared/money';

export interface MoneyText {
  amount: string;
  currency: string;
}

/** The money the text says, null when empty, or an error sentence. */
export function readMoney(text: MoneyText): { money: Money | null; error?: string } {
  if (!text.amount.trim()) return { money: null };
  const amount = parseMoney(text.amount, text.currency);
  if (amount === undefined) {
    const digits = minorDigits(text.currency);
    return { money: null, error: `Enter an amount in ${text.currency}, like ${digits ? `25.${'0'.repeat(digits)}` : '2500'}.` };
  }
  return { money: { amount, currency: text.currency } };
}

export function MoneyFields({
  label,
  field,
  value,
  onChange,
  problem,
  error,
}: {
  label: string;
  field: string;
  value: MoneyText;
  onChange: (next: MoneyText) => void;
  problem?: ApiProblem;
  error?: string;
}) {
  return (
    <div className="form-row form-row--money">
      <TextField
        label={label}
        name={field}
        inputMode="decimal"
        value={value.amount}
        onChange={(e) => onChange({ ...value, amount: e.target.value })}
        field={field}
        problem={problem}
        error={error}
        hint="Optional"
      />
      <SelectField
        label={`${label} currency`}
        name={`${field}Currency`}
        value={value.currency}
        onChange={(e) => onChange({ ...value, currency: e.target.value })}
        field={`${field}.currency`}
        problem={problem}
      >
        {CURRENCIES.map((code) => (
          <option key={code} value={code}>
            {code}
          </option>
        ))}
      </SelectField>
    </div>
  );
}
