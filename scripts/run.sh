#!/usr/bin/env bash
# Serves CleanAuth locally (`dotnet run --project src/WebApi`), extra
# arguments passed through to the app.
#
# Without ConnectionStrings__Default in the environment, it starts a local
# PostgreSQL server whose data lives in the git-ignored .data/ folder (kept
# between runs; delete .data/ to start over), writes its connection string to
# src/WebApi/appsettings.Local.json (read by the app in Development, so admin
# commands run with `dotnet run --project src/WebApi -- ...` reach the same
# database) and stops the server again when the app ends.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo_root"
# shellcheck source=scripts/lib/postgres.sh
source scripts/lib/postgres.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
urls=${ASPNETCORE_URLS:-http://127.0.0.1:5080}
app=(dotnet run --project src/WebApi --no-launch-profile -- --urls "$urls" "$@")

say() { printf '[run] %s\n' "$*" >&2; }

if [[ -n ${ConnectionStrings__Default:-} ]]; then
  say "using ConnectionStrings__Default from the environment; no local PostgreSQL"
  exec "${app[@]}"
fi

state_dir=.data
password_file=$state_dir/postgres.password
port_file=$state_dir/postgres.port
settings_file=src/WebApi/appsettings.Local.json
pg_dir=""
app_pid=""

# Stops the server we started or adopted; the data folder stays.
# shellcheck disable=SC2317 # called from the EXIT trap
cleanup() {
  # A second Ctrl-C must not cut the shutdown short.
  trap '' INT TERM
  if [[ -n $app_pid ]] && kill -0 "$app_pid" 2>/dev/null; then
    kill -TERM "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  if [[ -n $pg_dir ]]; then
    say "stopping PostgreSQL (data kept in $pg_dir)"
    pg_throwaway_stop "$pg_dir" || true
  fi
}

# Ctrl-C or TERM: ask the app to shut down gracefully (dotnet run passes TERM
# on to it); the wait below then returns and the EXIT trap stops PostgreSQL.
# Before the app runs there is nothing to wait for, so just leave.
# shellcheck disable=SC2317 # called from the traps below
on_signal() {
  if [[ -n $app_pid ]]; then
    kill -TERM "$app_pid" 2>/dev/null || true
  else
    exit "$1"
  fi
}

trap cleanup EXIT
trap 'on_signal 130' INT
trap 'on_signal 143' TERM

if [[ ! -d src/WebApi ]]; then
  say "src/WebApi not found in $repo_root"
  exit 1
fi

mkdir -p "$state_dir"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  for path in "$password_file" "$settings_file"; do
    if ! git check-ignore -q "$path"; then
      say "warning: $path is not git-ignored; keep it out of commits"
    fi
  done
fi

# One run.sh per data folder: a second one would stop the server under the
# first. The lock's descriptor is closed for everything we start.
if command -v flock >/dev/null 2>&1; then
  exec 9>>"$state_dir/postgres.lock"
  if ! flock -n 9; then
    say "another scripts/run.sh is already using $state_dir (stop it first);"
    say "admin commands can use it directly: dotnet run --project src/WebApi -- ..."
    exit 1
  fi
fi

data_dir=$(pg_persistent_dir "$repo_root/$state_dir/postgres")
reset_hint="delete $state_dir/ to start over"
if [[ $data_dir != "$repo_root/$state_dir/postgres" ]]; then
  reset_hint="delete $state_dir/ and $data_dir to start over"
fi

if [[ ! -s $password_file ]]; then
  if [[ -f $data_dir/PG_VERSION ]]; then
    say "$password_file is missing but $data_dir holds a cluster; $reset_hint"
    exit 1
  fi
  (umask 077 && pg_random_password >"$password_file")
fi
read -r password <"$password_file"

if [[ ! -f $data_dir/PG_VERSION ]]; then
  say "creating a new PostgreSQL cluster in $data_dir"
  if ! pg_throwaway_init "$data_dir" "$password_file"; then
    say "$reset_hint"
    exit 1
  fi
fi

# From here on, the EXIT trap stops whatever server runs from data_dir.
pg_dir=$data_dir
if pg_throwaway_running_port "$data_dir"; then
  say "PostgreSQL from an earlier run is still up; reusing it"
else
  preferred_port=""
  if [[ -f $port_file ]]; then
    read -r preferred_port <"$port_file" || true
  fi
  if ! pg_throwaway_start_free_port "$data_dir" "$preferred_port"; then
    say "PostgreSQL did not start; $reset_hint"
    exit 1
  fi
fi
printf '%s\n' "$PG_PORT" >"$port_file"

# The app's migrations create the database on first start.
connection="Host=127.0.0.1;Port=$PG_PORT;Database=cleanauth;Username=$PG_SUPERUSER;Password=$password"
settings_tmp=$(mktemp "$settings_file.XXXXXX")
printf '{\n  "ConnectionStrings": {\n    "Default": "%s"\n  }\n}\n' "$connection" >"$settings_tmp"
chmod 600 "$settings_tmp"
mv -f "$settings_tmp" "$settings_file"

say "PostgreSQL on 127.0.0.1:$PG_PORT, data in $data_dir ($reset_hint)"
say "connection string written to $settings_file"
say "starting CleanAuth on $urls ($ASPNETCORE_ENVIRONMENT); Ctrl-C stops the app and PostgreSQL"

# Only Development reads appsettings.Local.json; other environments get the
# connection string from the environment instead.
if [[ $ASPNETCORE_ENVIRONMENT != Development ]]; then
  export ConnectionStrings__Default=$connection
fi

# In the background, so that a signal reaches our trap at once (bash delays
# traps until a foreground command ends); <&0 keeps the terminal as its stdin.
"${app[@]}" <&0 9>&- &
app_pid=$!
status=0
while :; do
  status=0
  wait "$app_pid" || status=$?
  # wait also returns when a trapped signal arrives; go on until the app ends.
  if ! kill -0 "$app_pid" 2>/dev/null; then
    break
  fi
done
app_pid=""
exit "$status"
