-- The overview's read model (issue 16): which round and unit each running process instance works on,
-- kept by cn.xuncha.overview.RunningInstances, so that a page of units finds its open tasks by index
-- instead of matching business-key prefixes over all instances. Runs unchanged on H2 and PostgreSQL.
create table xc_running_instance (
  proc_inst_id varchar(64) primary key,
  round_key    varchar(64) not null,
  unit_group   varchar(64)
);
create index xc_running_instance_unit on xc_running_instance (round_key, unit_group);
