/**
 * The organisation a principal's admin keeps: the kinds of unit, the roles a membership gives, and
 * the shape of the HSA-id that staff sign in with. Pure rules, no I/O; the web app checks the same
 * HSA-id as it is typed.
 */

/** The kinds of unit (verksamhet); the CHECK of units.kind in migration 001 holds the same list. */
export const UNIT_KINDS = [
  'social_services_children', 'school', 'preschool', 'pupil_health', 'child_psychiatry', 'primary_care',
  'habilitation', 'somatic_care', 'care_lss', 'culture_leisure', 'other',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** What a membership (medarbetaruppdrag) lets a person do in a unit; the CHECK of memberships.role. */
export const ROLES = ['staff', 'manager', 'principal_admin', 'analyst'] as const;

export type HsaIdError = 'empty' | 'format' | 'length';

export type HsaIdResult = { ok: true; value: string } | { ok: false; error: HsaIdError; message: string };

const HSA_MESSAGES: Readonly<Record<HsaIdError, string>> = {
  empty: 'Ange HSA-id.',
  format: 'Ett HSA-id ser ut som SE2321000255-A01: SE, organisationsnumret (tio siffror), bindestreck och minst en bokstav eller siffra (A–Z, 0–9).',
  length: 'Ett HSA-id har högst 31 tecken.',
};

/**
 * Checks and normalises an HSA-id. Inera's rule for the HSA catalogue: "SE", the catalogue owner's
 * ten-digit organisation number without a hyphen, a hyphen, then at least one letter A–Z or digit,
 * at most 31 characters in all; å, ä, ö and @ are not allowed. Letters are kept upper-case (the
 * catalogue does not tell ids apart by case, and migration 001 stores them so).
 */
export function parseHsaId(input: string): HsaIdResult {
  const trimmed = input.trim();
  if (!trimmed) return { ok: false, error: 'empty', message: HSA_MESSAGES.empty };
  // Checked before upper-casing: 'ß' or 'ı' would otherwise turn into allowed letters.
  if (!/^SE[0-9]{10}-[A-Z0-9]+$/i.test(trimmed)) return { ok: false, error: 'format', message: HSA_MESSAGES.format };
  const value = trimmed.toUpperCase();
  if (value.length > 31) return { ok: false, error: 'length', message: HSA_MESSAGES.length };
  return { ok: true, value };
}

/** A plausible e-mail address (one @, a dot in the domain, no spaces): a typing mistake is caught, nothing more. */
export function isEmailAddress(input: string): boolean {
  return input.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input);
}
