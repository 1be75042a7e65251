#!/usr/bin/env bash
# Runs the whole test suite (`dotnet test CleanAuth.sln`, extra arguments
# passed through) against a throwaway PostgreSQL server on 127.0.0.1.
#
# If ConnectionStrings__Default is already set, that server is used and none is
# started. Otherwise a fresh cluster is created in a temporary folder and is
# always stopped and deleted afterwards, also on failure or interruption.
#
# The last line printed is the total over all test assemblies:
#   N passed, N failed[, N skipped]
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo_root"
# shellcheck source=scripts/lib/postgres.sh
source scripts/lib/postgres.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# English summary lines whatever the machine's language: they are parsed below.
export DOTNET_CLI_UI_LANGUAGE=en VSLANG=1033

# Server settings for speed: test data need not survive a crash. Test
# fixtures open pools to several databases at once, hence more connections.
test_settings=(fsync=off synchronous_commit=off full_page_writes=off max_connections=200)

tmp_dir=""
pg_dir=""
dotnet_pid=""
tee_pid=""

# Lets tee print what is left, but not forever: a build server that inherited
# the pipe would keep it open.
finish_tee() {
  local i
  [[ -n $tee_pid ]] || return 0
  for ((i = 0; i < 50; i++)); do
    kill -0 "$tee_pid" 2>/dev/null || break
    sleep 0.1
  done
  kill "$tee_pid" 2>/dev/null || true
  wait "$tee_pid" 2>/dev/null || true
  tee_pid=""
}

# Stops the server and deletes the temporary folder; safe to call twice.
cleanup() {
  # A second Ctrl-C must not cut the cleanup short.
  trap '' INT TERM
  finish_tee
  if [[ -n $pg_dir ]]; then
    pg_throwaway_stop "$pg_dir" || true
    pg_dir=""
  fi
  if [[ -n $tmp_dir ]]; then
    rm -rf -- "$tmp_dir"
    tmp_dir=""
  fi
}

# On INT/TERM: stop the tests before cleaning up, so nothing keeps using the
# server. dotnet test runs in its own process group; signalling the group also
# reaches vstest.console and testhost, which outlive a killed dotnet CLI.
# shellcheck disable=SC2317 # called from the traps below
on_signal() {
  local code=$1 i
  trap - INT TERM
  if [[ -n $dotnet_pid ]] && kill -0 "$dotnet_pid" 2>/dev/null; then
    printf '\nInterrupted: stopping dotnet test...\n' >&2
    kill -TERM -- "-$dotnet_pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
      kill -0 -- "-$dotnet_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL -- "-$dotnet_pid" 2>/dev/null || true
  fi
  exit "$code"
}

trap cleanup EXIT
trap 'on_signal 130' INT
trap 'on_signal 143' TERM

tmp_dir=$(pg_make_temp_dir)

if [[ -n ${ConnectionStrings__Default:-} ]]; then
  pg_note "using ConnectionStrings__Default from the environment; no server started"
  # Tests that start clusters of their own still need the binaries; optional here.
  if bin=$(pg_find_bin 2>/dev/null); then
    export CLEANAUTH_PG_BIN=$bin
  fi
else
  pg_require_bin
  export CLEANAUTH_PG_BIN=$PG_BIN_DIR
  password=$(pg_random_password)
  (umask 077 && printf '%s\n' "$password" >"$tmp_dir/password")
  pg_dir=$tmp_dir/postgres
  pg_throwaway_init "$pg_dir" "$tmp_dir/password"
  pg_throwaway_start_free_port "$pg_dir" "" "${test_settings[@]}"
  pg_note "test server on 127.0.0.1:$PG_PORT (data in $pg_dir, deleted afterwards)"
  export ConnectionStrings__Default="Host=127.0.0.1;Port=$PG_PORT;Database=postgres;Username=$PG_SUPERUSER;Password=$password"
fi
# When root, clusters started by tests must run as this OS user (empty: as us).
if pg_is_root; then
  export CLEANAUTH_PG_RUN_AS=$PG_OS_USER
else
  export CLEANAUTH_PG_RUN_AS=""
fi

# dotnet test and tee run in the background so a signal to this script is
# handled at once (bash would otherwise wait for the foreground command). A
# FIFO keeps both process ids known. Job control (set -m) gives dotnet test a
# process group of its own (id = its pid) for the traps to signal; its stdin is
# /dev/null so it never touches the terminal from the background.
log=$tmp_dir/dotnet-test.log
mkfifo "$tmp_dir/output"
tee "$log" <"$tmp_dir/output" &
tee_pid=$!
set -m
dotnet test CleanAuth.sln "$@" </dev/null >"$tmp_dir/output" 2>&1 &
dotnet_pid=$!
set +m

# wait returns early when a trapped signal arrives; the trap then exits.
test_status=0
wait "$dotnet_pid" || test_status=$?
dotnet_pid=""
finish_tee

# Adds up the per-assembly lines of the VSTest console logger, e.g.
#   Passed!  - Failed:     0, Passed:    10, Skipped:     0, Total:    10, ...
# Prints "passed failed skipped assemblies".
summary=$(
  awk '
    { gsub(/\033\[[0-9;]*[A-Za-z]/, "") }
    /(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+, +Skipped: +[0-9]+, +Total: +[0-9]+/ {
      n = split(substr($0, index($0, "Failed:")), part, ",")
      for (i = 1; i <= 3 && i <= n; i++) gsub(/[^0-9]/, "", part[i])
      failed += part[1]; passed += part[2]; skipped += part[3]; assemblies++
    }
    END { printf "%d %d %d %d\n", passed, failed, skipped, assemblies }
  ' "$log"
)
read -r passed failed skipped assemblies <<<"$summary"

cleanup

if ((assemblies == 0)); then
  echo "No test summary found in the dotnet test output (build failure or no test project?)." >&2
  if ((test_status == 0)); then
    test_status=1
  fi
elif ((failed > 0 && test_status == 0)); then
  test_status=1
fi

result="$passed passed, $failed failed"
if ((skipped > 0)); then
  result+=", $skipped skipped"
fi
echo "$result"
exit "$test_status"
