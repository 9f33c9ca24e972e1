-- Organisation: counties (län), municipalities, principals (huvudmän), units (verksamheter),
-- staff and their memberships. Every table carries `county` (the future Citus distribution key,
-- see docs/decisions/0002-county-as-distribution-key.md) and keys on (county, id).

-- UUIDv7 (RFC 9562) for ids made inside SQL: time-ordered, like src/store/ids.ts.
CREATE FUNCTION uuid_v7() RETURNS uuid LANGUAGE sql VOLATILE AS $$
  SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) PLACING
    substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3) FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid
$$;

CREATE TABLE counties (
  county              char(2) PRIMARY KEY CHECK (county ~ '^[0-9]{2}$'),
  name                text NOT NULL,
  region_name         text NOT NULL,
  -- Which consent a child's plan needs is decided by the regional agreement (SIP.md §2):
  -- 'guardians' = every guardian consents whatever the child's age;
  -- 'child_from_age' = from child_consent_age the child's own consent suffices.
  child_consent_policy text NOT NULL DEFAULT 'guardians'
    CHECK (child_consent_policy IN ('guardians', 'child_from_age')),
  child_consent_age   int NOT NULL DEFAULT 15 CHECK (child_consent_age BETWEEN 12 AND 18)
);

CREATE TABLE municipalities (
  county      char(2) NOT NULL REFERENCES counties,
  code        char(4) NOT NULL CHECK (code ~ '^[0-9]{4}$'),
  name        text NOT NULL,
  PRIMARY KEY (county, code)
);

CREATE TABLE principals (
  county             char(2) NOT NULL REFERENCES counties,
  id                 uuid NOT NULL,
  kind               text NOT NULL CHECK (kind IN ('region', 'municipality', 'private')),
  name               text NOT NULL CHECK (length(trim(name)) > 0),
  municipality_code  char(4),
  PRIMARY KEY (county, id),
  FOREIGN KEY (county, municipality_code) REFERENCES municipalities (county, code),
  CHECK ((kind = 'municipality') = (municipality_code IS NOT NULL) OR kind = 'private')
);

CREATE TABLE units (
  county             char(2) NOT NULL,
  id                 uuid NOT NULL,
  principal_id       uuid NOT NULL,
  kind               text NOT NULL CHECK (kind IN (
                       'social_services_children', 'school', 'preschool', 'pupil_health',
                       'child_psychiatry', 'primary_care', 'habilitation', 'somatic_care',
                       'care_lss', 'culture_leisure', 'other')),
  name               text NOT NULL CHECK (length(trim(name)) > 0),
  -- The committee (nämnd) the unit answers to, e.g. "Barn- och utbildningsnämnden".
  committee          text,
  municipality_code  char(4),
  active             boolean NOT NULL DEFAULT true,
  PRIMARY KEY (county, id),
  FOREIGN KEY (county, principal_id) REFERENCES principals (county, id),
  FOREIGN KEY (county, municipality_code) REFERENCES municipalities (county, code)
);

CREATE TABLE staff (
  county      char(2) NOT NULL REFERENCES counties,
  id          uuid NOT NULL,
  -- HSA-id: the national directory id that SITHS eID carries; staff sign in with it.
  hsa_id      text NOT NULL CHECK (hsa_id ~ '^[A-Z0-9-]{5,40}$'),
  name        text NOT NULL CHECK (length(trim(name)) > 0),
  email       text,
  phone       text,
  active      boolean NOT NULL DEFAULT true,
  PRIMARY KEY (county, id),
  UNIQUE (county, hsa_id)
);

CREATE TABLE memberships (
  county      char(2) NOT NULL,
  id          uuid NOT NULL,
  staff_id    uuid NOT NULL,
  unit_id     uuid NOT NULL,
  role        text NOT NULL CHECK (role IN ('staff', 'manager', 'principal_admin', 'analyst')),
  active      boolean NOT NULL DEFAULT true,
  PRIMARY KEY (county, id),
  UNIQUE (county, staff_id, unit_id, role),
  FOREIGN KEY (county, staff_id) REFERENCES staff (county, id),
  FOREIGN KEY (county, unit_id) REFERENCES units (county, id)
);
CREATE INDEX memberships_unit ON memberships (county, unit_id);
