-- Issue 12: the kind of each inspected party organisation (办法 第十一条). Every unit planned before
-- was a township, which the default records; the application always writes the kind of a new unit.
-- A village is named in the plan for direct inspection under coverage NAMED.
alter table xc_unit add column kind varchar(20) default 'TOWNSHIP' not null;
alter table xc_village add column named boolean default false not null;
