-- Persons (the child, guardians, relatives). The identity number is stored normalised
-- (12 digits for personnummer and samordningsnummer) and is never put in a URL or a log line.

CREATE TABLE persons (
  county              char(2) NOT NULL REFERENCES counties,
  id                  uuid NOT NULL,
  identity_kind       text NOT NULL CHECK (identity_kind IN ('personnummer', 'samordningsnummer', 'reservnummer')),
  identity_number     text NOT NULL,
  birth_date          date,
  given_name          text NOT NULL CHECK (length(trim(given_name)) > 0),
  family_name         text NOT NULL CHECK (length(trim(family_name)) > 0),
  -- Skyddade personuppgifter (sekretessmarkering / skyddad folkbokföring): address and contact
  -- details never leave the server and every access is flagged in the audit trail.
  protected_identity  boolean NOT NULL DEFAULT false,
  address             text,
  phone               text,
  email               text,
  created_at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county, id),
  UNIQUE (county, identity_kind, identity_number),
  CHECK (identity_kind = 'reservnummer' OR identity_number ~ '^[0-9]{12}$'),
  CHECK (identity_kind = 'reservnummer' OR birth_date IS NOT NULL)
);

CREATE TABLE guardianships (
  county       char(2) NOT NULL,
  child_id     uuid NOT NULL,
  guardian_id  uuid NOT NULL,
  PRIMARY KEY (county, child_id, guardian_id),
  FOREIGN KEY (county, child_id) REFERENCES persons (county, id),
  FOREIGN KEY (county, guardian_id) REFERENCES persons (county, id),
  CHECK (child_id <> guardian_id)
);
CREATE INDEX guardianships_guardian ON guardianships (county, guardian_id);
