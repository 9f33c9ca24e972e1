-- Internal control (issue 7 items 1–2; SIP.md §5): the steering group (styrgrupp) of a local
-- agreement sets yearly goals, quantitative (a target per key figure) and qualitative (a goal in
-- words with a follow-up text), as the audits asked the committees to do in their internal
-- control plans. The figures themselves are computed from the plans when asked for (no table).

-- A yearly target for one key figure (src/domain/key-figures.ts names the figures).
CREATE TABLE key_figure_targets (
  county        char(2) NOT NULL,
  id            uuid NOT NULL,
  agreement_id  uuid NOT NULL,
  year          int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  figure        text NOT NULL CHECK (figure ~ '^[a-z0-9_]{1,60}$'),
  target        numeric NOT NULL CHECK (target >= 0),
  note          text CHECK (note IS NULL OR length(note) <= 2000),
  set_by        uuid NOT NULL,
  set_at        timestamptz NOT NULL DEFAULT now(),
  version       int NOT NULL DEFAULT 1 CHECK (version >= 1),
  PRIMARY KEY (county, id),
  UNIQUE (county, agreement_id, year, figure),
  FOREIGN KEY (county, agreement_id) REFERENCES local_agreements (county, id),
  FOREIGN KEY (county, set_by) REFERENCES staff (county, id)
);

-- A qualitative goal for the year, and how it was followed up.
CREATE TABLE key_figure_goals (
  county        char(2) NOT NULL,
  id            uuid NOT NULL,
  agreement_id  uuid NOT NULL,
  year          int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  goal          text NOT NULL CHECK (length(trim(goal)) BETWEEN 1 AND 2000),
  follow_up     text CHECK (follow_up IS NULL OR length(follow_up) <= 4000),
  created_by    uuid NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_by    uuid NOT NULL,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  version       int NOT NULL DEFAULT 1 CHECK (version >= 1),
  PRIMARY KEY (county, id),
  FOREIGN KEY (county, agreement_id) REFERENCES local_agreements (county, id),
  FOREIGN KEY (county, created_by) REFERENCES staff (county, id),
  FOREIGN KEY (county, updated_by) REFERENCES staff (county, id)
);
CREATE INDEX key_figure_goals_agreement ON key_figure_goals (county, agreement_id, year);

-- The facts the figures are counted from, by date within a county.
CREATE INDEX plans_initiated_at ON plans (county, initiated_at);
CREATE INDEX meetings_held_at ON meetings (county, held_at);
