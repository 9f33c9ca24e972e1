-- Indexes for reading one whole plan (src/store/plan-document.ts) and for the chronology:
-- every child table is reached by its parent's key, never by a scan.
CREATE INDEX plan_participants_plan ON plan_participants (county, plan_id);
CREATE INDEX invitees_invitation ON invitees (county, invitation_id);
CREATE INDEX invitees_plan ON invitees (county, plan_id);
CREATE INDEX meeting_attendance_meeting ON meeting_attendance (county, meeting_id);
CREATE INDEX activity_reports_intervention ON activity_reports (county, intervention_id);
CREATE INDEX plan_state_changes_plan ON plan_state_changes (county, plan_id, at);
CREATE INDEX evaluations_goal ON evaluations (county, goal_id);
CREATE INDEX memberships_staff ON memberships (county, staff_id) WHERE active;
