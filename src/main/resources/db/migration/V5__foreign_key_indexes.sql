-- PostgreSQL does not index foreign keys by itself (H2 does): without these, loading one unit's
-- records scans every round's rows and deleting a round scans its children (ForeignKeyIndexIT).
create index xc_team_member_team on xc_team_member (team_id);
create index xc_unit_team on xc_unit (team_id);
create index xc_inspected_village_village on xc_inspected_village (village_id);
create index xc_team_plan_review_unit on xc_team_plan_review (unit_id);
create index xc_mobile_proposal_unit on xc_mobile_proposal (unit_id);
create index xc_working_paper_unit on xc_working_paper (unit_id);
create index xc_major_report_unit on xc_major_report (unit_id);
create index xc_escalation_round on xc_escalation (round_id);
create index xc_escalation_unit on xc_escalation (unit_id);
create index xc_report_problem_paper on xc_report_problem (paper_id);
create index xc_report_review_unit on xc_report_review (unit_id);
create index xc_clue_unit on xc_clue (unit_id);
create index xc_clue_paper on xc_clue (paper_id);
create index xc_rectification_item_paper on xc_rectification_item (paper_id);
create index xc_accountability_unit on xc_accountability (unit_id);
