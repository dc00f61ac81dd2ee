// The one input for an amount of money, in dollars. Put it in a Field and read it with checkMoney
// (./money.ts), which turns the text into integer cents exactly and gives the message in dollars:
//
//   <Field id="rent" label="Monthly rent" error={errors.monthlyRentCents}>
//     {(control) => <MoneyInput {...control} defaultCents={unit.marketRentCents} />}
//   </Field>
//   const rent = checkMoney(text(form, 'rent'), { what: 'the monthly rent' });
//   if (!rent.ok) errors.monthlyRentCents = rent.error; else send(rent.cents);
//
// Uncontrolled with `defaultCents` (read from FormData), or controlled with `value` + `onTextChange`.
// On blur a readable amount is rewritten as "1,234.50"; anything else is left for checkMoney to name.
import type { InputHTMLAttributes } from 'react';
import { Input } from './field';
import { formatDollars, parseDollars } from './money';

export interface MoneyInputProps
  extends Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'defaultValue' | 'value' | 'onChange'> {
  /** Uncontrolled start value in cents (omit for an empty field). */
  defaultCents?: number;
  /** Controlled text, as typed. */
  value?: string;
  /** Called with the text on every change, and with the tidied text on blur. */
  onTextChange?: (text: string) => void;
}

export function MoneyInput({
  defaultCents,
  value,
  onTextChange,
  onBlur,
  className,
  ...rest
}: MoneyInputProps) {
  return (
    <div className="relative">
      <span
        aria-hidden="true"
        className="pointer-events-none absolute inset-y-0 left-0 flex items-center pl-3 text-muted"
      >
        $
      </span>
      <Input
        {...rest}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        className={`pl-7 tabular-nums ${className ?? ''}`}
        {...(value === undefined
          ? { defaultValue: defaultCents === undefined ? undefined : formatDollars(defaultCents) }
          : { value })}
        onChange={(event) => onTextChange?.(event.target.value)}
        onBlur={(event) => {
          const cents = parseDollars(event.currentTarget.value);
          if (cents !== null && Number.isSafeInteger(cents)) {
            const tidy = formatDollars(cents);
            if (value === undefined) event.currentTarget.value = tidy;
            onTextChange?.(tidy);
          }
          onBlur?.(event);
        }}
      />
    </div>
  );
}
