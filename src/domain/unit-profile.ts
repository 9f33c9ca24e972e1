/**
 * A unit's own entry in the directory (vem gör vad, the Skåne audits' recommendation 2: the
 * agencies tell each other what they are for) and the rules its fields follow. Pure, no I/O; the
 * web app's form offers the same laws.
 */
import { isEmailAddress } from './organisation.ts';

/** The laws a unit can say it works under; the CHECK of unit_profiles.laws in migration 017 holds the same list. */
export const LAWS = ['SoL', 'HSL', 'skollagen', 'LSS', 'LVU', 'PSL', 'LPT'] as const;
export type Law = (typeof LAWS)[number];

export interface ProfileInput {
  mandate?: string;
  offers?: string[];
  laws?: string[];
  whoMayInitiate?: string;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
  hours?: string | null;
}

export interface ProfileFields {
  mandate: string;
  offers: string[];
  laws: Law[];
  who_may_initiate: string;
  phone: string | null;
  email: string | null;
  address: string | null;
  hours: string | null;
}

export interface Problem { field: string; code: string; message: string }

const MAX = { mandate: 4000, offer: 200, offers: 50, whoMayInitiate: 2000, phone: 40, email: 254, address: 400, hours: 400 } as const;

/**
 * The fields as they will be stored: trimmed, empty contact details as none, offers without blank
 * lines or repeats, laws in the list's order. Fields absent from the input are left out (kept as
 * they are). Each problem names its field.
 */
export function checkProfile(input: ProfileInput): { fields: Partial<ProfileFields>; problems: Problem[] } {
  const problems: Problem[] = [];
  const fields: Partial<ProfileFields> = {};
  const tooLong = (field: string, max: number) => problems.push({ field, code: 'maxLength', message: `Högst ${max} tecken.` });
  if (input.mandate !== undefined) {
    fields.mandate = input.mandate.replace(/\r\n/g, '\n').trim();
    if (fields.mandate.length > MAX.mandate) tooLong('/mandate', MAX.mandate);
  }
  if (input.whoMayInitiate !== undefined) {
    fields.who_may_initiate = input.whoMayInitiate.replace(/\r\n/g, '\n').trim();
    if (fields.who_may_initiate.length > MAX.whoMayInitiate) tooLong('/whoMayInitiate', MAX.whoMayInitiate);
  }
  if (input.offers !== undefined) {
    const offers: string[] = [];
    input.offers.forEach((o, i) => {
      const v = o.trim();
      if (v.length > MAX.offer) tooLong(`/offers/${i}`, MAX.offer);
      else if (v && !offers.some((x) => x.toLowerCase() === v.toLowerCase())) offers.push(v);
    });
    if (offers.length > MAX.offers) problems.push({ field: '/offers', code: 'maxItems', message: `Högst ${MAX.offers} rader.` });
    fields.offers = offers;
  }
  if (input.laws !== undefined) {
    input.laws.forEach((l, i) => {
      if (!(LAWS as readonly string[]).includes(l)) problems.push({ field: `/laws/${i}`, code: 'unknown', message: `Välj bland ${LAWS.join(', ')}.` });
    });
    fields.laws = LAWS.filter((l) => input.laws!.includes(l));
  }
  const contact = (key: 'phone' | 'email' | 'address' | 'hours') => {
    const raw = input[key];
    if (raw === undefined) return;
    const v = raw?.trim() ? raw.trim() : null;
    if (v && v.length > MAX[key]) tooLong(`/${key}`, MAX[key]);
    fields[key] = v;
  };
  contact('phone');
  contact('email');
  contact('address');
  contact('hours');
  if (fields.email && !isEmailAddress(fields.email)) problems.push({ field: '/email', code: 'format', message: 'Ange en e-postadress, t.ex. barn.familj@kristianstad.se.' });
  // A number someone can call: digits, spaces, hyphens, a leading + and brackets, nothing else.
  if (fields.phone && !/^\+?[0-9][0-9 ()-]*[0-9]$/.test(fields.phone)) problems.push({ field: '/phone', code: 'format', message: 'Ange ett telefonnummer med siffror, t.ex. 044-13 50 00.' });
  return { fields, problems };
}
