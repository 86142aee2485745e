-- Each county publishes its own clue-routing table (issue 16 item 2): the county a version is for, the id of
-- its Camunda tenant. Null: a version of the installation's default (deployed without tenant), which every
-- county without its own table routes by — so are the versions published before counties had their own.
alter table xc_clue_routing_change add column county varchar(64);
