#!/bin/bash
# Docker HEALTHCHECK: healthy when Actuator's readiness group on the management port answers 200.
# Plain bash (/dev/tcp), so the image needs neither curl nor wget. The management port is plain HTTP
# even when the API port requires mutual TLS.
port="${MANAGEMENT_SERVER_PORT:-8081}"
path="${CELL0_HEALTH_PATH:-/actuator/health/readiness}"
exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$path" >&3
IFS= read -r -t 4 status <&3 || exit 1
case "$status" in
  "HTTP/1."[01]" 200"*) exit 0 ;;
  *) echo "readiness: $status" >&2; exit 1 ;;
esac
