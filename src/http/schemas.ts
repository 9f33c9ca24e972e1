/** Shared JSON-Schema building blocks (TypeBox) for request validation and the OpenAPI document. */
import { Type, type TSchema } from 'typebox';

export const Uuid = Type.String({ format: 'uuid' });
// Years 1900–2099: a SIP's dates lie within a child's life; anything else is a typing mistake.
export const Day = Type.String({ format: 'date', pattern: '^(19|20)[0-9]{2}-', description: 'YYYY-MM-DD' });
export const DateTime = Type.String({ format: 'date-time', pattern: '^(19|20)[0-9]{2}-' });
export const Text = (maxLength = 2000) => Type.String({ minLength: 1, maxLength });
export const OptionalText = (maxLength = 2000) => Type.Optional(Type.Union([Type.String({ maxLength }), Type.Null()]));
export const Strict = <T extends Record<string, TSchema>>(props: T) => Type.Object(props, { additionalProperties: false });
export const PlanParams = Strict({ planId: Uuid });
export const IdentityNumber = Type.String({ minLength: 1, maxLength: 40, description: 'Personnummer, samordningsnummer eller reservnummer. Skickas bara i kroppen, aldrig i en URL.' });
