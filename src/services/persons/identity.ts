import { parseIdentityNumber, type IdentityNumber } from '../../domain/identity-number.ts';
import { invalid } from '../errors.ts';

/** Parses an identity number typed by a user, or 400 naming the field (never echoing the number). */
export function requireIdentityNumber(input: string, field: string, today: string): IdentityNumber {
  const parsed = parseIdentityNumber(input, { today, allowReserve: true });
  if (!parsed.ok) throw invalid([{ field, code: `identity_number_${parsed.error}`, message: parsed.message }]);
  return parsed.value;
}
