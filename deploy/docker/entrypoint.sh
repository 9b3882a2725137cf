#!/bin/sh
# Starts the service jar of this image. Extra arguments go to the application (e.g. --config FILE).
#
# CELL0_ZONE_FILE: if set and the file is not empty, its content becomes node.zone (NODE_ZONE). The
# Helm chart's init container writes the Kubernetes node's zone label there; a pod cannot read its
# node's labels through the downward API.
# JAVA_OPTS: extra JVM options (JAVA_TOOL_OPTIONS from the image still apply).
set -eu
if [ -n "${CELL0_ZONE_FILE:-}" ] && [ -s "$CELL0_ZONE_FILE" ]; then
  NODE_ZONE=$(head -n 1 "$CELL0_ZONE_FILE")
  export NODE_ZONE
fi
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -jar /opt/cell0/app/app.jar "$@"
