-- Continuity when staff leave (issue 6 item 4). The audits found that staff turnover
-- (personalomsättning) makes planned interventions and follow-ups drop (SIP.md §1), and the
-- manager (närmaste chef) is the one who re-assigns plans when staff leave (SIP.md §3).
-- So: whatever makes a staff member leave (deactivation, an ended membership, now by the API or
-- later by a directory sync), the plans they coordinate and the interventions they answer for go
-- to a hand-over queue of the unit they served them for, through triggers that no path can skip.

INSERT INTO notification_kinds VALUES ('handover_pending'), ('handover_assigned'), ('coordinator_changed');

-- Every change of a plan's coordinator, whatever made it (a hand-over, an edit of the plan).
-- The key figure "coordinator changes per plan" counts these rows. The first appointment is not a
-- change; a removal is. Who made the change is in the audit trail of the same transaction.
CREATE TABLE plan_coordinator_changes (
  county         char(2) NOT NULL,
  id             uuid NOT NULL,
  plan_id        uuid NOT NULL,
  from_staff_id  uuid NOT NULL,
  from_unit_id   uuid NOT NULL,
  to_staff_id    uuid,
  to_unit_id     uuid,
  changed_at     timestamptz NOT NULL DEFAULT now(),
  -- When the participants were told who the new coordinator is (null until then: the sweep tells
  -- those a change made outside a hand-over did not tell).
  notified_at    timestamptz,
  PRIMARY KEY (county, id),
  FOREIGN KEY (county, plan_id) REFERENCES plans (county, id),
  FOREIGN KEY (county, from_staff_id) REFERENCES staff (county, id),
  FOREIGN KEY (county, to_staff_id) REFERENCES staff (county, id),
  CHECK ((to_staff_id IS NULL) = (to_unit_id IS NULL))
);
CREATE INDEX plan_coordinator_changes_plan ON plan_coordinator_changes (county, plan_id, changed_at);
CREATE INDEX plan_coordinator_changes_unnotified ON plan_coordinator_changes (county) WHERE notified_at IS NULL;

CREATE FUNCTION plans_record_coordinator_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO plan_coordinator_changes (county, id, plan_id, from_staff_id, from_unit_id, to_staff_id, to_unit_id)
  VALUES (NEW.county, uuid_v7(), NEW.id, OLD.coordinator_staff_id, OLD.coordinator_unit_id, NEW.coordinator_staff_id, NEW.coordinator_unit_id);
  RETURN NULL;
END $$;
CREATE TRIGGER plans_coordinator_change AFTER UPDATE OF coordinator_staff_id, coordinator_unit_id ON plans
  FOR EACH ROW
  WHEN (OLD.coordinator_staff_id IS NOT NULL AND (NEW.coordinator_staff_id IS DISTINCT FROM OLD.coordinator_staff_id
        OR NEW.coordinator_unit_id IS DISTINCT FROM OLD.coordinator_unit_id))
  EXECUTE FUNCTION plans_record_coordinator_change();

-- The hand-over queue: one item per open plan a leaver coordinated and per open intervention
-- they answered for, waiting for the unit's manager to name someone else.
CREATE TABLE handover_items (
  county           char(2) NOT NULL,
  id               uuid NOT NULL,
  plan_id          uuid NOT NULL,
  -- The unit the leaver served the plan for: its manager re-assigns, to someone in the same unit.
  unit_id          uuid NOT NULL,
  former_staff_id  uuid NOT NULL,
  role             text NOT NULL CHECK (role IN ('coordinator', 'intervention')),
  intervention_id  uuid,
  reason           text NOT NULL CHECK (reason IN ('deactivated', 'left_unit')),
  created_at       timestamptz NOT NULL DEFAULT now(),
  resolved_at      timestamptz,
  resolved_by      uuid,
  new_staff_id     uuid,
  PRIMARY KEY (county, id),
  FOREIGN KEY (county, plan_id) REFERENCES plans (county, id),
  FOREIGN KEY (county, unit_id) REFERENCES units (county, id),
  FOREIGN KEY (county, former_staff_id) REFERENCES staff (county, id),
  FOREIGN KEY (county, intervention_id) REFERENCES interventions (county, id),
  FOREIGN KEY (county, resolved_by) REFERENCES staff (county, id),
  FOREIGN KEY (county, new_staff_id) REFERENCES staff (county, id),
  CHECK ((role = 'intervention') = (intervention_id IS NOT NULL)),
  CHECK ((resolved_at IS NULL) = (resolved_by IS NULL) AND (resolved_at IS NULL) = (new_staff_id IS NULL))
);
-- At most one open item per plan role: leaving twice (deactivated after leaving the unit) does not queue it twice.
CREATE UNIQUE INDEX handover_items_open_coordinator ON handover_items (county, plan_id, former_staff_id)
  WHERE role = 'coordinator' AND resolved_at IS NULL;
CREATE UNIQUE INDEX handover_items_open_intervention ON handover_items (county, intervention_id)
  WHERE role = 'intervention' AND resolved_at IS NULL;
CREATE INDEX handover_items_queue ON handover_items (county, unit_id) WHERE resolved_at IS NULL;

-- Queues what `p_staff` leaves behind in `p_unit` (every unit when null), in open plans only.
-- The list of open states mirrors OPEN_STATES in src/domain/plan-lifecycle.ts (OPEN_STATES_SQL);
-- test/http/handover.test.ts asserts that the two agree.
CREATE FUNCTION queue_handover(p_county char(2), p_staff uuid, p_unit uuid, p_reason text) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO handover_items (county, id, plan_id, unit_id, former_staff_id, role, reason)
  SELECT p.county, uuid_v7(), p.id, p.coordinator_unit_id, p_staff, 'coordinator', p_reason
  FROM plans p
  WHERE p.county = p_county AND p.coordinator_staff_id = p_staff AND (p_unit IS NULL OR p.coordinator_unit_id = p_unit)
    AND p.state IN ('initiated', 'invited', 'mapped', 'established', 'evaluated')
  ON CONFLICT DO NOTHING;
  INSERT INTO handover_items (county, id, plan_id, unit_id, former_staff_id, role, intervention_id, reason)
  SELECT iv.county, uuid_v7(), iv.plan_id, iv.unit_id, p_staff, 'intervention', iv.id, p_reason
  FROM interventions iv JOIN plans p ON p.county = iv.county AND p.id = iv.plan_id
  WHERE iv.county = p_county AND iv.responsible_staff_id = p_staff AND (p_unit IS NULL OR iv.unit_id = p_unit)
    AND iv.status IN ('planned', 'ongoing') AND p.state IN ('initiated', 'invited', 'mapped', 'established', 'evaluated')
  ON CONFLICT DO NOTHING;
$$;

CREATE FUNCTION staff_handover_on_deactivation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM queue_handover(NEW.county, NEW.id, NULL, 'deactivated');
  RETURN NULL;
END $$;
CREATE TRIGGER staff_deactivated AFTER UPDATE OF active ON staff
  FOR EACH ROW WHEN (OLD.active AND NOT NEW.active)
  EXECUTE FUNCTION staff_handover_on_deactivation();

-- A membership ended (or removed): what the person did for that unit is handed over, unless
-- they still serve the unit in another role.
CREATE FUNCTION memberships_handover_on_leaving() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT staff_serves_unit(OLD.county, OLD.staff_id, OLD.unit_id) THEN
    PERFORM queue_handover(OLD.county, OLD.staff_id, OLD.unit_id, 'left_unit');
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER memberships_ended AFTER UPDATE OF active ON memberships
  FOR EACH ROW WHEN (OLD.active AND NOT NEW.active)
  EXECUTE FUNCTION memberships_handover_on_leaving();
CREATE TRIGGER memberships_removed AFTER DELETE ON memberships
  FOR EACH ROW WHEN (OLD.active)
  EXECUTE FUNCTION memberships_handover_on_leaving();
