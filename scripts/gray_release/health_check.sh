#!/usr/bin/env bash
# Health of the gray release: database reachable, rules compile, the running stage's last daily evaluation
# recent enough, every live agent applied the desired state within the limit (named when not), and the service
# answering. Prints one line per check and exits non-zero saying why.
# GRAYGATE_SERVICE_URL: base URL of graygate serve (default http://127.0.0.1:8080; empty to skip)
# GRAYGATE_MAX_EVALUATION_AGE_HOURS: default 26
# GRAYGATE_APPLY_LIMIT_SECONDS: how long a live agent may take to apply the desired state (default 60)
set -euo pipefail
# shellcheck source=_common.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"
args=(health --max-evaluation-age-hours "${GRAYGATE_MAX_EVALUATION_AGE_HOURS:-26}")
if [[ -n "${GRAYGATE_APPLY_LIMIT_SECONDS:-}" ]]; then
  args+=(--apply-limit "$GRAYGATE_APPLY_LIMIT_SECONDS")
fi
service_url="${GRAYGATE_SERVICE_URL-http://127.0.0.1:8080}"
if [[ -n "$service_url" ]]; then
  args+=(--service-url "$service_url")
fi
if ! "$GRAYGATE" "${args[@]}"; then
  echo "health check FAILED (see the FAIL lines above)" >&2
  exit 1
fi
echo "health check passed"
