#!/bin/sh
# One-shot PKI for a whole cluster: creates the cluster CA (once) and one certificate per entry.
# Used by the compose file's `pki` service and the Helm chart's hook Job; runs the security
# module's tool (security/README.md).
#
#   CELL0_CLUSTER_ID  cluster id (lowercase letters, digits, '-')                  required
#   CELL0_PKI_DIR     base directory                                               default /pki
#   CELL0_PKI_CA_DIR  CA directory: ca.crt, ca.key, operator.*, store.pass          default $CELL0_PKI_DIR/ca
#   CELL0_PKI_ISSUE   space-separated entries ROLE:DIR:DNS[,DNS...] — ROLE is node, scheduler,
#                     migration or operator; DIR is relative to CELL0_PKI_DIR; for roles other
#                     than node the identity is DIR's last component. 127.0.0.1 is always an IP SAN.
#   CELL0_PKI_RENEW   true: issue new leaf certificates even where they exist (a node keeps its
#                     identity key, so its node id does not change)
#   CELL0_PKI_DAYS    leaf validity in days                                        default 90
#   CELL0_PKI_JAR     the tool                                                     default /opt/cell0/pki/cell0-security.jar
#
# Running it again is harmless: the CA is never replaced and existing certificates are kept.
set -eu

: "${CELL0_CLUSTER_ID:?CELL0_CLUSTER_ID must name the cluster}"
base="${CELL0_PKI_DIR:-/pki}"
ca="${CELL0_PKI_CA_DIR:-$base/ca}"
jar="${CELL0_PKI_JAR:-/opt/cell0/pki/cell0-security.jar}"
days="${CELL0_PKI_DAYS:-90}"
renew="${CELL0_PKI_RENEW:-false}"

pki() { java -jar "$jar" "$@"; }

if [ -f "$ca/ca.crt" ] && [ -f "$ca/ca.key" ]; then
  echo "pki: keeping the existing CA in $ca"
else
  pki init --dir "$ca" --cluster-id "$CELL0_CLUSTER_ID"
fi

for entry in ${CELL0_PKI_ISSUE:-}; do
  role=${entry%%:*}
  rest=${entry#*:}
  dir=${rest%%:*}
  dns=${rest#*:}
  [ "$role" != "$entry" ] && [ "$dir" != "$rest" ] || { echo "pki: bad entry '$entry' (want ROLE:DIR:DNS,...)" >&2; exit 2; }
  case "$role" in
    node) file=node ;;
    scheduler|migration|operator) file=$role ;;
    *) echo "pki: unknown role '$role' in '$entry'" >&2; exit 2 ;;
  esac
  out="$base/$dir"
  if [ "$renew" != true ] && [ -f "$out/$file.crt" ]; then
    echo "pki: keeping $out/$file.crt"
    continue
  fi
  if [ "$role" = node ]; then
    pki node --dir "$ca" --id-dir "$out" --dns "$dns" --ip 127.0.0.1 --days "$days"
  else
    pki node --dir "$ca" --id-dir "$out" --role "$role" --name "${dir##*/}" --dns "$dns" --ip 127.0.0.1 --days "$days"
  fi
done
echo "pki: done"
