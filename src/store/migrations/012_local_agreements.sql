-- Local agreements (lokala överenskommelser, SIP.md §5): a region and one or more of its
-- municipalities agree how they cooperate around children. Each has a steering group (styrgrupp)
-- that sets the yearly goals of internal control, reads the key figures and receives the
-- deviations that the nearest managers could not resolve (issues 7 and 8 build on this).

CREATE TABLE local_agreements (
  county          char(2) NOT NULL REFERENCES counties,
  id              uuid NOT NULL,
  name            text NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200),
  effective_from  date NOT NULL,
  effective_until date,
  version         integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county, id),
  UNIQUE (county, name),
  CHECK (effective_until IS NULL OR effective_until >= effective_from)
);

-- The principals that signed it (the region and the municipalities).
CREATE TABLE local_agreement_principals (
  county        char(2) NOT NULL,
  agreement_id  uuid NOT NULL,
  principal_id  uuid NOT NULL,
  PRIMARY KEY (county, agreement_id, principal_id),
  FOREIGN KEY (county, agreement_id) REFERENCES local_agreements (county, id),
  FOREIGN KEY (county, principal_id) REFERENCES principals (county, id)
);
CREATE INDEX local_agreement_principals_principal ON local_agreement_principals (county, principal_id);

-- Who sits in the steering group, for which principal.
CREATE TABLE steering_group_members (
  county        char(2) NOT NULL,
  agreement_id  uuid NOT NULL,
  staff_id      uuid NOT NULL,
  added_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county, agreement_id, staff_id),
  FOREIGN KEY (county, agreement_id) REFERENCES local_agreements (county, id),
  FOREIGN KEY (county, staff_id) REFERENCES staff (county, id)
);
CREATE INDEX steering_group_members_staff ON steering_group_members (county, staff_id);
