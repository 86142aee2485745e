-- Issue 12: a round inspects its units in batches (办法 第十四条), each unit with its own stay; null
-- where the unit's stay is the round's (every unit planned before).
alter table xc_unit add column entry_date date;
alter table xc_unit add column withdrawal_date date;

-- The kind of inspection (巡察类型, RoundKind) of a round; every round planned before was 常规. A unit
-- may be inspected in a kind of its own (回头看 units in a 常规 round); null: the round's.
alter table xc_round add column kind varchar(20) default 'REGULAR' not null;
alter table xc_unit add column inspection_kind varchar(20);
