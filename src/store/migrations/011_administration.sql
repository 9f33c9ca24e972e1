-- Administration by a principal's own admin (issue 4 item 4). Units, staff and memberships were
-- written only by the seed and a directory sync; now people edit them, several at once, so the
-- editable rows carry a version (If-Match, 412 on a stale write, like every other resource), and a
-- membership keeps when it began and ended.

ALTER TABLE units ADD COLUMN version int NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE memberships ADD COLUMN version int NOT NULL DEFAULT 1 CHECK (version >= 1);
-- Units are listed per principal on the admin's page.
CREATE INDEX units_principal ON units (county, principal_id);

-- The title (befattning) shown beside the name, e.g. "Psykolog"; the seed's demo staff have one.
ALTER TABLE staff ADD COLUMN title text CHECK (length(title) <= 200);

-- An ended membership is kept: the hand-over queue and the audit trail refer to the time the
-- person served the unit, and the admin sees who once did. So a person holds a role in a unit once
-- at a time, not once ever, and coming back is a new membership.
ALTER TABLE memberships DROP CONSTRAINT memberships_county_staff_id_unit_id_role_key;
CREATE UNIQUE INDEX memberships_active_role ON memberships (county, staff_id, unit_id, role) WHERE active;

-- When. Unknown (null) for the memberships that existed before this migration.
ALTER TABLE memberships ADD COLUMN started_at timestamptz;
ALTER TABLE memberships ALTER COLUMN started_at SET DEFAULT now();
ALTER TABLE memberships ADD COLUMN ended_at timestamptz;

-- Stamped by the database, whichever path ends or restores a membership (the API, a directory sync).
CREATE FUNCTION memberships_stamp_end() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.ended_at := CASE WHEN NEW.active THEN NULL ELSE coalesce(NEW.ended_at, now()) END;
  RETURN NEW;
END $$;
CREATE TRIGGER memberships_stamp_end BEFORE UPDATE OF active ON memberships
  FOR EACH ROW WHEN (OLD.active IS DISTINCT FROM NEW.active)
  EXECUTE FUNCTION memberships_stamp_end();

-- A new role can end what the membership let the person do for the unit (staff or manager become
-- analyst or admin, who take no part in plans): that leaves the unit's plans as surely as an ended
-- membership does, so the hand-over of migration 009 follows here too.
CREATE TRIGGER memberships_role_changed AFTER UPDATE OF role ON memberships
  FOR EACH ROW WHEN (OLD.active AND NEW.active AND OLD.role IS DISTINCT FROM NEW.role)
  EXECUTE FUNCTION memberships_handover_on_leaving();
