# shellcheck shell=bash
# shellcheck disable=SC2034 # PG_PORT and friends are read by the sourcing scripts
# Helpers for throwaway PostgreSQL clusters on 127.0.0.1, shared by the
# test, serve and benchmark scripts. Source it; it sets no shell options.
#
# The clusters use one superuser role ($PG_SUPERUSER, "cleanauth") with
# scram-sha-256 password auth, listen on 127.0.0.1 only and have no unix
# socket (socket paths are limited to ~107 characters).
#
# PostgreSQL refuses to run as root, so when root the server commands run as
# the $PG_OS_USER OS user ("postgres"), who must own the data folder and be
# able to reach it.
#
# Environment:
#   PG_BIN      folder holding initdb, pg_ctl and postgres (skips the search)
#   PG_OS_USER  OS user that runs the server when we are root (postgres)

if [[ -n ${_PG_LIB_LOADED:-} ]]; then
  return 0
fi
_PG_LIB_LOADED=1

PG_SUPERUSER=cleanauth
PG_OS_USER=${PG_OS_USER:-postgres}
# Below Linux's ephemeral range (32768+) so outgoing connections don't race us.
PG_PORT_MIN=20000
PG_PORT_MAX=32000
# Set by pg_throwaway_start_free_port and pg_throwaway_running_port.
PG_PORT=""
# Set by pg_require_bin.
PG_BIN_DIR=""

# --- messages ---------------------------------------------------------------

pg_note() { printf '[postgres] %s\n' "$*" >&2; }
pg_error() { printf '[postgres] error: %s\n' "$*" >&2; }

# --- binaries ---------------------------------------------------------------

# True when DIR holds the server programs (pg_config may point at a client-only
# install, so check rather than trust it).
_pg_is_server_bin() {
  [[ -n $1 && -x $1/initdb && -x $1/pg_ctl && -x $1/postgres ]]
}

# Prints the folder of the server binaries: $PG_BIN, then `pg_config --bindir`,
# then the newest /usr/lib/postgresql/*/bin (Debian/Ubuntu layout).
pg_find_bin() {
  local dir version best="" best_version=-1
  if [[ -n ${PG_BIN:-} ]]; then
    if _pg_is_server_bin "$PG_BIN"; then
      printf '%s\n' "$PG_BIN"
      return 0
    fi
    pg_error "PG_BIN=$PG_BIN does not contain initdb, pg_ctl and postgres"
    return 1
  fi
  if command -v pg_config >/dev/null 2>&1; then
    dir=$(pg_config --bindir 2>/dev/null || true)
    if _pg_is_server_bin "$dir"; then
      printf '%s\n' "$dir"
      return 0
    fi
  fi
  for dir in /usr/lib/postgresql/*/bin; do
    version=${dir#/usr/lib/postgresql/}
    version=${version%/bin}
    if [[ $version =~ ^[0-9]+$ ]] && ((version > best_version)) && _pg_is_server_bin "$dir"; then
      best=$dir
      best_version=$version
    fi
  done
  if [[ -n $best ]]; then
    printf '%s\n' "$best"
    return 0
  fi
  pg_error "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found." \
    "Install the server, e.g. 'sudo apt-get install postgresql' (Debian/Ubuntu)" \
    "or 'brew install postgresql' (macOS), or set PG_BIN to their folder."
  return 1
}

# Sets PG_BIN_DIR (once). Call it directly, not in $(...), so the value
# survives; fails with an install hint when the server is missing.
pg_require_bin() {
  if [[ -z $PG_BIN_DIR ]]; then
    PG_BIN_DIR=$(pg_find_bin) || return 1
  fi
}

# --- running things as the server user -------------------------------------

# True when we are root (the server must then run as $PG_OS_USER).
pg_is_root() { [[ $(id -u) -eq 0 ]]; }

# Runs a command as the OS user that owns the clusters. From / because the
# postgres user may not be able to read the caller's working folder.
_pg_as_server_user() {
  if pg_is_root; then
    if ! command -v runuser >/dev/null 2>&1; then
      pg_error "running as root needs 'runuser' (util-linux) to start PostgreSQL as $PG_OS_USER"
      return 1
    fi
    (cd / && runuser -u "$PG_OS_USER" -- "$@")
  else
    "$@"
  fi
}

# Gives PATHs to the server user (no-op unless root).
pg_own() {
  if pg_is_root; then
    chown "$PG_OS_USER:" "$@"
  fi
}

# Closes every descriptor above 2. A descriptor left open (a lock, a pipe)
# would be inherited by the postmaster and kept for its whole life.
_pg_close_extra_fds() {
  local dir=/proc/self/fd path fd
  [[ -d $dir ]] || dir=/dev/fd
  for path in "$dir"/*; do
    fd=${path##*/}
    if [[ $fd =~ ^[0-9]+$ ]] && ((fd > 2)); then
      eval "exec $fd>&-"
    fi
  done
}

# Runs a server command as the server user with no inherited descriptors:
# stdin from /dev/null, stdout and stderr appended to LOG.
_pg_run_logged() {
  local log=$1
  shift
  (
    _pg_close_extra_fds
    _pg_as_server_user "$@" </dev/null >>"$log" 2>&1
  )
}

# --- folders ----------------------------------------------------------------

# True when the server user can enter and write DIR (every parent must be
# traversable for that user, which a home folder often isn't for root).
pg_dir_reachable() {
  # shellcheck disable=SC2016 # $1 is expanded by the inner shell
  _pg_as_server_user /bin/sh -c '[ -x "$1" ] && [ -w "$1" ]' sh "$1" 2>/dev/null
}

# Creates DIR (mode 700) for the server user.
_pg_make_private_dir() {
  mkdir -p -- "$1" && chmod 700 -- "$1" && pg_own "$1"
}

# Prints a fresh temporary folder that the server user can use (the caller
# removes it). Falls back to /tmp when $TMPDIR isn't reachable.
pg_make_temp_dir() {
  local dir
  dir=$(mktemp -d "${TMPDIR:-/tmp}/cleanauth.XXXXXXXX") || return 1
  pg_own "$dir"
  if pg_dir_reachable "$dir"; then
    printf '%s\n' "$dir"
    return 0
  fi
  rm -rf -- "$dir"
  dir=$(mktemp -d /tmp/cleanauth.XXXXXXXX) || return 1
  pg_own "$dir"
  pg_note "${TMPDIR:-/tmp} is not reachable by the $PG_OS_USER user; using $dir instead"
  printf '%s\n' "$dir"
}

# Prints WANTED if the server user can keep a cluster there, otherwise a
# stable folder under /tmp (same name for the same WANTED, so data survives
# restarts). Only root can hit the fallback.
pg_persistent_dir() {
  local wanted=$1 fallback
  _pg_make_private_dir "$wanted" || return 1
  if pg_dir_reachable "$wanted"; then
    printf '%s\n' "$wanted"
    return 0
  fi
  rmdir -- "$wanted" 2>/dev/null || true
  fallback=/tmp/cleanauth-postgres-$(printf '%s' "$wanted" | cksum | cut -d' ' -f1)
  # /tmp is shared: refuse a folder (or link) someone else prepared.
  if [[ -L $fallback ]] || { [[ -e $fallback ]] && [[ $(stat -c %U -- "$fallback") != "$PG_OS_USER" ]]; }; then
    pg_error "$fallback exists but is not owned by $PG_OS_USER; remove it and retry"
    return 1
  fi
  _pg_make_private_dir "$fallback" || return 1
  pg_note "$wanted is not reachable by the $PG_OS_USER user; keeping the data in $fallback instead"
  printf '%s\n' "$fallback"
}

# --- passwords and ports ----------------------------------------------------

# Prints 32 random hex characters.
pg_random_password() {
  od -An -N16 -tx1 /dev/urandom | tr -d ' \n'
  printf '\n'
}

# True when nothing accepts connections on 127.0.0.1:PORT.
pg_port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Prints a random free port between PG_PORT_MIN and PG_PORT_MAX. Random, so two
# runs started together rarely pick the same one; pg_throwaway_start_free_port
# retries when they do.
pg_free_port() {
  local try port
  for ((try = 0; try < 100; try++)); do
    port=$((PG_PORT_MIN + RANDOM % (PG_PORT_MAX - PG_PORT_MIN)))
    if pg_port_free "$port"; then
      printf '%s\n' "$port"
      return 0
    fi
  done
  pg_error "no free port found between $PG_PORT_MIN and $PG_PORT_MAX"
  return 1
}

# --- cluster lifecycle ------------------------------------------------------

# pg_throwaway_init DIR PASSWORD_FILE
# Creates a cluster in DIR (missing or empty) whose superuser $PG_SUPERUSER has
# the password on the first line of PASSWORD_FILE.
pg_throwaway_init() {
  local dir=$1 password_file=$2 readable_copy output status=0
  pg_require_bin || return 1
  if [[ ! -s $password_file ]]; then
    pg_error "password file $password_file is missing or empty"
    return 1
  fi
  _pg_make_private_dir "$dir" || return 1
  readable_copy=$password_file
  if pg_is_root; then
    # initdb runs as the server user, who may not be able to read the file.
    readable_copy=$(mktemp /tmp/cleanauth-pw.XXXXXXXX) || return 1
    cat -- "$password_file" >"$readable_copy"
    pg_own "$readable_copy"
  fi
  output=$(_pg_as_server_user "$PG_BIN_DIR/initdb" -D "$dir" -U "$PG_SUPERUSER" \
    --pwfile="$readable_copy" --auth=scram-sha-256 --encoding=UTF8 --no-locale \
    --no-sync </dev/null 2>&1) || status=$?
  if [[ $readable_copy != "$password_file" ]]; then
    rm -f -- "$readable_copy"
  fi
  if ((status != 0)); then
    printf '%s\n' "$output" >&2
    pg_error "initdb failed in $dir"
    return 1
  fi
}

# Quotes one word for the /bin/sh command line that pg_ctl builds from -o.
_pg_sh_quote() {
  printf "'%s'" "${1//\'/\'\\\'\'}"
}

# pg_throwaway_start DIR PORT [NAME=VALUE ...]
# Starts the cluster in DIR on 127.0.0.1:PORT and waits until it accepts
# connections. Each extra argument becomes a `-c NAME=VALUE` server option (a
# literal "-c" before it is accepted too). Returns 2 when PORT was taken, so
# the caller can try another; 1 on other failures (the log tail is shown).
pg_throwaway_start() {
  local dir=$1 port=$2 log options setting log_size
  shift 2
  pg_require_bin || return 1
  log=$dir/server.log
  options="-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=''"
  for setting in "$@"; do
    [[ $setting == -c ]] && continue
    options+=" -c $(_pg_sh_quote "$setting")"
  done
  # The server appends to the log as its own user, so it must own the file.
  if ! touch -- "$log" || ! pg_own "$log"; then
    return 1
  fi
  log_size=$(wc -c <"$log")
  if _pg_run_logged "$log" "$PG_BIN_DIR/pg_ctl" start -D "$dir" -l "$log" -w -t 60 -o "$options"; then
    return 0
  fi
  if tail -c "+$((log_size + 1))" -- "$log" | grep -q -e 'could not bind' -e 'Address already in use'; then
    return 2
  fi
  pg_error "PostgreSQL did not start; end of $log:"
  tail -n 20 -- "$log" >&2
  return 1
}

# pg_throwaway_start_free_port DIR PREFERRED_PORT [NAME=VALUE ...]
# Starts the cluster on PREFERRED_PORT when it is free (may be empty), else on
# a random free port, retrying when another process grabs the port first.
# Sets PG_PORT.
pg_throwaway_start_free_port() {
  local dir=$1 port=$2 try status
  shift 2
  for ((try = 0; try < 10; try++)); do
    if [[ ! $port =~ ^[0-9]+$ ]] || ! pg_port_free "$port"; then
      port=$(pg_free_port) || return 1
    fi
    status=0
    pg_throwaway_start "$dir" "$port" "$@" || status=$?
    if ((status == 0)); then
      PG_PORT=$port
      return 0
    fi
    ((status == 2)) || return 1
    port=""
  done
  pg_error "gave up after 10 ports were taken while starting"
  return 1
}

# True when the postmaster recorded in DIR/postmaster.pid is alive.
pg_throwaway_alive() {
  [[ -f $1/postmaster.pid ]] || return 1
  pg_require_bin || return 1
  _pg_as_server_user "$PG_BIN_DIR/pg_ctl" status -D "$1" >/dev/null 2>&1
}

# pg_throwaway_running_port DIR
# When a server is running from DIR (e.g. left over after the script that
# started it was killed), waits until it accepts connections or is really
# gone (a killed one lingers for a moment), then sets PG_PORT and returns 0
# if it is usable; returns 1 when nothing usable runs.
pg_throwaway_running_port() {
  local dir=$1 port try
  pg_require_bin || return 1
  for ((try = 0; try < 150; try++)); do
    pg_throwaway_alive "$dir" || return 1
    port=$(sed -n 4p -- "$dir/postmaster.pid" 2>/dev/null || true)
    if [[ $port =~ ^[0-9]+$ ]] &&
      "$PG_BIN_DIR/pg_isready" -q -h 127.0.0.1 -p "$port" -t 1 </dev/null >/dev/null 2>&1; then
      PG_PORT=$port
      return 0
    fi
    sleep 0.1
  done
  pg_error "the server in $dir neither became ready nor went away"
  return 1
}

# pg_throwaway_stop DIR
# Stops the server running from DIR: fast shutdown (ends sessions cleanly),
# then immediate. Succeeds when nothing was running.
pg_throwaway_stop() {
  local dir=$1 mode log
  [[ -f $dir/postmaster.pid ]] || return 0
  pg_require_bin || return 1
  log=$dir/server.log
  for mode in fast immediate; do
    if _pg_run_logged "$log" "$PG_BIN_DIR/pg_ctl" stop -D "$dir" -m "$mode" -w -t 30; then
      return 0
    fi
    pg_throwaway_alive "$dir" || return 0
  done
  pg_error "could not stop the PostgreSQL server in $dir; see $log"
  return 1
}
