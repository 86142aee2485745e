-- Each row of xc_unit_record is now one typed Java record (cn.xuncha.<step>.<Record>) as JSON, and
-- names the version of that record's shape it was written in; the application refuses to read a
-- row of another version, so a change of shape comes with a migration like this one.
alter table xc_unit_record add column record_version integer default 1 not null;
alter table xc_unit_record alter column record_version drop default;

-- Version 1: the rectification report's text is under the form's key, rectificationReport (it was
-- "report"). Inside a JSON string a quote is escaped, so {"report": occurs only as the key.
update xc_unit_record set content = replace(content, '{"report":', '{"rectificationReport":')
where kind = 'RECTIFICATION_REPORT';
