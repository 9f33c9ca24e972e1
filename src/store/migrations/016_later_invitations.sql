-- A kallelse to a later SIP meeting (the planning meeting after the mapping, a follow-up meeting)
-- leaves the plan in its state, as src/domain/plan-lifecycle.ts now allows: the routine calls every
-- meeting with a written kallelse, not only the first. ('invited','invited') and
-- ('established','established') were already there.
INSERT INTO plan_state_transitions VALUES ('mapped', 'mapped'), ('evaluated', 'evaluated');
