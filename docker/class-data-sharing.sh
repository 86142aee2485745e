#!/bin/sh
# Prepares an unpacked application for a fast start with class data sharing (CDS, as Spring Boot documents it):
# a training run records the classes the application loads while its Spring context starts, and later starts
# map them from that archive instead of loading, verifying and parsing them again (README “启动” / “Start-up”).
#
#   docker/class-data-sharing.sh DIR [JVM option ...]
#
# DIR holds app.jar and lib/ as `java -Djarmode=tools -jar xuncha-*.jar extract --destination DIR
# --application-filename app.jar` left them; the archive is written to DIR/app.jsa. Start the application with
#   java -XX:SharedArchiveFile=DIR/app.jsa -jar DIR/app.jar
# with DIR written the same way (an absolute path), on the same Java build: the archive records the class path and
# the JVM, and a JVM that finds another one ignores the archive (and refuses to start with -Xshare:on).
# The training run uses $JAVA_HOME/bin/java (java from the PATH without JAVA_HOME) and JAVA_TOOL_OPTIONS like any
# start; it starts the context on an in-memory H2 database and exits once the context is refreshed
# (-Dspring.context.exit=onRefresh): no port is opened and no other file is written.
set -eu
dir=$(cd "$1" && pwd)
shift
java=java
if [ -n "${JAVA_HOME:-}" ]; then
  java="$JAVA_HOME/bin/java"
fi
rm -f "$dir/app.jsa"
# -Xlog:cds=error: the JVM names every class it cannot archive (generated or failing verification); harmless, not shown.
"$java" "$@" -XX:ArchiveClassesAtExit="$dir/app.jsa" -Xlog:cds=error -Dspring.context.exit=onRefresh \
  -jar "$dir/app.jar" --spring.datasource.url=jdbc:h2:mem:class-data-sharing
test -s "$dir/app.jsa"
