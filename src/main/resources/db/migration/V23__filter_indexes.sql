-- Columns the overview and the working-paper review look rows up by (issue 16 item 5, QueryIndexesIT):
-- without them PostgreSQL reads every round, or every working paper, of every term.
create index xc_round_term on xc_round (term);
create index xc_round_name on xc_round (name);
create index xc_round_approved_at on xc_round (approved_at);
create index xc_working_paper_review_task on xc_working_paper (review_task_id);
