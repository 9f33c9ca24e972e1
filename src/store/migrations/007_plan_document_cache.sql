-- The whole-plan document, kept as it was last built, so that reading a plan does not rebuild it
-- from fifteen tables every time (src/store/plan-document.ts). A cached document is used only
-- while it carries the plan's current content stamp and today's date (the document holds
-- date-dependent flags: overdue interventions, active consents). Every write to a plan bumps the
-- stamp in the writing transaction (src/services/plan-command.ts), so a document built from an
-- older snapshot can never be served after the write commits.
ALTER TABLE plans ADD COLUMN content_stamp bigint NOT NULL DEFAULT 1;

CREATE TABLE plan_documents (
  county   char(2) NOT NULL,
  plan_id  uuid NOT NULL,
  stamp    bigint NOT NULL,
  day      date NOT NULL,
  doc      text NOT NULL,
  PRIMARY KEY (county, plan_id),
  FOREIGN KEY (county, plan_id) REFERENCES plans (county, id)
);
-- Kept uncompressed: a document is read far more often than written, and decompressing it at
-- every read costs more than the disk it saves.
ALTER TABLE plan_documents ALTER COLUMN doc SET STORAGE EXTERNAL;
