-- Issue 12: a round inspects its units in batches (办法 第十四条), each unit with its own stay; null
-- where the unit's stay is the round's (every unit planned before).
alter table xc_unit add column entry_date date;
alter table xc_unit add column withdrawal_date date;
