#!/usr/bin/env bash
# Measures CleanAuth end to end on this machine; see docs/performance.md.
#
#   scripts/bench.sh            full run (about 10 minutes)
#   scripts/bench.sh --quick    short run (under two minutes once built) to check the harness
#   scripts/bench.sh --micro    BenchmarkDotNet microbenchmarks, short job
#
# Builds Release, starts a throwaway PostgreSQL and two instances of the benchmark host (the real
# app plus comparison endpoints) on 127.0.0.1, loads them with wrk and a small .NET driver, prints
# a table and writes it to benchmarks/results/latest.md. Everything it starts is stopped and its
# temporary folder deleted on exit, also on failure or Ctrl-C. Traffic goes to 127.0.0.1 only.
#
# Environment (optional): BENCH_CONNECTIONS (wrk connections, 32), BENCH_WRK_THREADS (1),
# BENCH_ISSUE_CONNECTIONS (8), BENCH_PG_SETTINGS (extra "name=value" server settings).
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo_root"
# shellcheck source=scripts/lib/postgres.sh
source scripts/lib/postgres.sh

mode=full
for arg in "$@"; do
  case $arg in
    --quick) mode=quick ;;
    --micro) mode=micro ;;
    -h | --help)
      sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      printf 'unknown argument: %s (try --help)\n' "$arg" >&2
      exit 1
      ;;
  esac
done

started_at=$(date +%s)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_CLI_UI_LANGUAGE=en
# One-shot builds: no MSBuild node or compiler server is left running afterwards.
export MSBUILDDISABLENODEREUSE=1 UseSharedCompilation=false DOTNET_CLI_USE_MSBUILD_SERVER=0

if [[ $mode == quick ]]; then
  rounds=3 duration=2 latency_duration=1 warmup=1
  issue_rounds=1 issue_duration=2 tx_requests=1000 revocations=20
  # Each counted kind costs an 11 s wait; the quick run counts the kind that consults the most.
  tx_kinds=(c)
else
  rounds=5 duration=10 latency_duration=5 warmup=3
  issue_rounds=3 issue_duration=10 tx_requests=5000 revocations=200
  tx_kinds=(b c)
fi
connections=${BENCH_CONNECTIONS:-32}
wrk_threads=${BENCH_WRK_THREADS:-1}
issue_connections=${BENCH_ISSUE_CONNECTIONS:-8}
# PostgreSQL flushes a busy backend's statistics at most once a second and an idle backend's
# within 10 s (PGSTAT_IDLE_INTERVAL); counters are read only after this long without load.
stats_flush_wait=11
baseline_window=5
revocation_timeout_ms=5000

host_project=benchmarks/CleanAuth.Benchmarks.Host
driver_project=benchmarks/CleanAuth.Benchmarks.Driver
micro_project=benchmarks/CleanAuth.Benchmarks.Micro
host_dir=$repo_root/$host_project/bin/Release/net10.0
driver_dll=$repo_root/$driver_project/bin/Release/net10.0/CleanAuth.Benchmarks.Driver.dll
micro_dll=$repo_root/$micro_project/bin/Release/net10.0/CleanAuth.Benchmarks.Micro.dll
results_dir=$repo_root/benchmarks/results

say() { printf '[bench %3ds] %s\n' "$(($(date +%s) - started_at))" "$*" >&2; }
fail() {
  say "error: $*"
  exit 1
}

tmp_dir=""
pg_dir=""
host_pids=()
declare -A host_pid host_port

# Stops what this script started, newest first; safe to call twice.
cleanup() {
  trap '' INT TERM
  local pid i
  for pid in "${host_pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${host_pids[@]}"; do
    for ((i = 0; i < 100; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  host_pids=()
  if [[ -n $pg_dir ]]; then
    pg_throwaway_stop "$pg_dir" || true
    pg_dir=""
  fi
  if [[ -n $tmp_dir ]]; then
    rm -rf -- "$tmp_dir"
    tmp_dir=""
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- tools --------------------------------------------------------------------

ensure_tools() {
  local missing=()
  command -v wrk >/dev/null 2>&1 || missing+=(wrk)
  command -v jq >/dev/null 2>&1 || missing+=(jq)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  ((${#missing[@]} == 0)) && return 0
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    say "installing ${missing[*]} (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq </dev/null >/dev/null
    apt-get install -y -qq "${missing[@]}" </dev/null >/dev/null
  fi
  for tool in "${missing[@]}"; do
    command -v "$tool" >/dev/null 2>&1 || fail "$tool is missing; install it (Debian/Ubuntu: apt-get install $tool)"
  done
}

build() {
  say "building Release: $*"
  local project
  for project in "$@"; do
    dotnet build "$project" -c Release -nologo -v q --disable-build-servers </dev/null >"$tmp_dir/build.log" 2>&1 || {
      cat "$tmp_dir/build.log" >&2
      fail "build of $project failed"
    }
  done
}

# --- database -----------------------------------------------------------------

start_postgres() {
  local password settings
  pg_require_bin
  password=$(pg_random_password)
  (umask 077 && printf '%s\n' "$password" >"$tmp_dir/pg-password")
  pg_dir=$tmp_dir/postgres
  pg_throwaway_init "$pg_dir" "$tmp_dir/pg-password"
  # Default durability (fsync, synchronous commit) so that writes cost what they cost in service.
  read -r -a settings <<<"max_connections=200 ${BENCH_PG_SETTINGS:-}"
  pg_throwaway_start_free_port "$pg_dir" "" "${settings[@]}"
  export PGPASSWORD=$password
  ConnectionStrings__Default="Host=127.0.0.1;Port=$PG_PORT;Database=cleanauth;Username=$PG_SUPERUSER"
  export ConnectionStrings__Default+=";Password=$password"
  say "PostgreSQL on 127.0.0.1:$PG_PORT (data in $pg_dir, deleted afterwards)"
}

# Transactions committed or rolled back in the app's database so far, read from another database
# so that reading does not count.
xact_count() {
  "$PG_BIN_DIR/psql" -X -q -A -t -h 127.0.0.1 -p "$PG_PORT" -U "$PG_SUPERUSER" -d postgres \
    -c "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = 'cleanauth'" </dev/null
}

# --- hosts --------------------------------------------------------------------

# The app's own settings for a benchmark: production environment, logs at Warning, plain HTTP on
# loopback, no rate limiter (it would measure the limiter), tokens that outlive the run.
host_env=(
  ASPNETCORE_ENVIRONMENT=Production
  Serilog__MinimumLevel__Default=Warning
  Logging__LogLevel__Default=Warning
  Https__Required=false
  RateLimiting__Enabled=false
  Database__MigrateOnStartup=false
  Tokens__AccessTokenLifetime=02:00:00
  Tokens__ClientTokenLifetime=02:00:00
)

host_verb() {
  (cd "$host_dir" && env "${host_env[@]}" dotnet CleanAuth.Benchmarks.Host.dll "$@" </dev/null)
}

# launch_host NAME: starts an instance on a free port without waiting for it.
launch_host() {
  local name=$1 port pid
  port=$(pg_free_port)
  (cd "$host_dir" && exec env "${host_env[@]}" dotnet CleanAuth.Benchmarks.Host.dll \
    --urls "http://127.0.0.1:$port" </dev/null >>"$tmp_dir/$name.log" 2>&1) &
  pid=$!
  host_pids+=("$pid")
  host_pid[$name]=$pid
  host_port[$name]=$port
}

# await_host NAME: waits until the instance serves, starting it again on another port when the
# first one was taken meanwhile; sets started_url.
await_host() {
  local name=$1 try i pid port log=$tmp_dir/$1.log
  for ((try = 0; try < 3; try++)); do
    pid=${host_pid[$name]} port=${host_port[$name]}
    for ((i = 0; i < 600; i++)); do
      if curl -sf -o /dev/null --max-time 1 "http://127.0.0.1:$port/health/live"; then
        started_url=http://127.0.0.1:$port
        say "$name on $started_url (pid $pid, log $log)"
        return 0
      fi
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    grep -q 'address already in use' "$log" || break
    launch_host "$name"
  done
  tail -n 30 "$log" >&2
  fail "$name did not start"
}

# expect_status CODE URL [curl args]: one request, failing the run on another status.
expect_status() {
  local code=$1 url=$2 got
  shift 2
  got=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$@" "$url")
  [[ $got == "$code" ]] || fail "$url answered $got, expected $code"
}

# --- arithmetic and wrk output ------------------------------------------------

# stats VALUES...: prints "median min max" (median of an even count: mean of the middle two).
stats() {
  printf '%s\n' "$@" | sort -g | awk '
    { v[NR] = $1 }
    END {
      if (NR == 0) { print "nan nan nan"; exit }
      m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      printf "%.6g %.6g %.6g\n", m, v[1], v[NR]
    }'
}

calc() { awk "BEGIN { printf \"%.6g\", $* }"; }

# wrk_field FILE rps|p50|p99|errors: a figure from wrk --latency output, latencies in ms.
wrk_field() {
  awk -v want="$2" '
    function ms(text, n) {
      n = text + 0
      if (text ~ /us$/) return n / 1000
      if (text ~ /ms$/) return n
      if (text ~ /s$/) return n * 1000
      return n
    }
    /^Requests\/sec:/ { rps = $2 }
    /^ +50%/ { p50 = ms($2) }
    /^ +99%/ { p99 = ms($2) }
    /Non-2xx or 3xx responses:/ { errors += $NF }
    /Socket errors:/ { gsub(/[^0-9 ]/, " "); for (i = 1; i <= NF; i++) errors += $i }
    END {
      if (want == "rps") print rps + 0
      else if (want == "p50") print p50 + 0
      else if (want == "p99") print p99 + 0
      else print errors + 0
    }' "$1"
}

# run_wrk OUT CONNECTIONS SECONDS URL [wrk args]: one wrk run; fails the run on any error answer,
# because refused requests are cheap and would flatter the figures.
run_wrk() {
  local out=$1 conns=$2 seconds=$3 url=$4 threads=$wrk_threads errors
  shift 4
  ((threads > conns)) && threads=$conns
  wrk -t "$threads" -c "$conns" -d "${seconds}s" --timeout 10s --latency "$@" "$url" </dev/null >"$out" 2>&1 ||
    fail "wrk failed on $url: $(tail -n 3 "$out")"
  printf '\n## %s\n' "${raw_label:-wrk}" >>"$tmp_dir/raw.txt"
  cat "$out" >>"$tmp_dir/raw.txt"
  errors=$(wrk_field "$out" errors)
  ((errors == 0)) || fail "$url: $errors error answers or socket errors under load; see $out"
}

# --- microbenchmarks ----------------------------------------------------------

run_micro() {
  tmp_dir=$(pg_make_temp_dir)
  build "$micro_project"
  start_postgres
  mkdir -p "$results_dir/micro"
  say "running microbenchmarks (short job, in process); reports in $results_dir/micro"
  # The validation benchmarks migrate and seed this throwaway database themselves.
  (cd "$results_dir/micro" && env "${host_env[@]}" dotnet "$micro_dll" --filter '*' \
    --artifacts "$results_dir/micro" </dev/null)
}

if [[ $mode == micro ]]; then
  run_micro
  exit 0
fi

# --- setup --------------------------------------------------------------------

ensure_tools
tmp_dir=$(pg_make_temp_dir)
: >"$tmp_dir/raw.txt"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
# One build of both (a solution filter): half the MSBuild start-up of two builds.
build benchmarks/CleanAuth.Benchmarks.slnf
start_postgres

say "migrating and registering a client"
host_verb migrate >"$tmp_dir/migrate.log" 2>&1 || {
  cat "$tmp_dir/migrate.log" >&2
  fail "migrate failed"
}
host_verb clients create --name "Benchmark" --platform server --grants client_credentials,password --json \
  >"$tmp_dir/client.json" 2>"$tmp_dir/client.err" || {
  cat "$tmp_dir/client.err" >&2
  fail "clients create failed"
}
client_id=$(jq -r .client_id "$tmp_dir/client.json")
client_secret=$(jq -r .client_secret "$tmp_dir/client.json")
basic=$(printf '%s:%s' "$client_id" "$client_secret" | base64 -w0)

launch_host instance-1
await_host instance-1
url1=$started_url
# The second instance starts while the first one is set up; it serves only the revocation probe.
launch_host instance-2

token_body() {
  curl -s --max-time 30 -H "Authorization: Basic $basic" "$@" "$url1/oauth/token"
}
client_token=$(token_body -d grant_type=client_credentials | jq -r .access_token)
[[ $client_token == ca_at_* ]] || fail "no client token from $url1/oauth/token"

user_name=benchuser
user_password="bench $(pg_random_password)"
curl -s -o /dev/null --max-time 30 -H "Authorization: Bearer $client_token" -H 'Content-Type: application/json' \
  -d "{\"username\":\"$user_name\",\"password\":\"$user_password\"}" "$url1/api/v1/users"
password_body="grant_type=password&username=$user_name&password=$(jq -rn --arg p "$user_password" '$p|@uri')"
user_token=$(token_body --data "$password_body" | jq -r .access_token)
[[ $user_token == ca_at_* ]] || fail "no user token from the password grant"

jwts=$(curl -s --max-time 10 "$url1/bench/setup/jwt")
jwt_rs256=$(jq -r .rs256 <<<"$jwts")
jwt_hs256=$(jq -r .hs256 <<<"$jwts")

await_host instance-2
url2=$started_url

kinds=(a b c d-rs256 d-hs256)
declare -A kind_path=(
  [a]=/bench/anonymous [b]=/bench/client [c]=/bench/client-and-user
  [d-rs256]=/bench/jwt-rs256 [d-hs256]=/bench/jwt-hs256
)
declare -A kind_token=([a]="" [b]=$client_token [c]=$user_token [d-rs256]=$jwt_rs256 [d-hs256]=$jwt_hs256)
declare -A kind_label=(
  [a]="(a) anonymous" [b]="(b) [ClientAuthorize]" [c]="(c) [ClientAndUserAuthorize]"
  [d-rs256]="(d) JwtBearer RS256" [d-hs256]="(d) JwtBearer HS256"
)

auth_args() {
  if [[ -n ${kind_token[$1]} ]]; then
    printf '%s\n' -H "Authorization: Bearer ${kind_token[$1]}"
  fi
}

say "checking every endpoint kind answers 200 with its token, and 401 without"
for kind in "${kinds[@]}"; do
  mapfile -t args < <(auth_args "$kind")
  expect_status 200 "$url1${kind_path[$kind]}" "${args[@]}"
  [[ $kind == a ]] || expect_status 401 "$url1${kind_path[$kind]}"
done
expect_status 200 "$url2/bench/client" -H "Authorization: Bearer $client_token"

# --- endpoint rounds ----------------------------------------------------------

say "warming up each endpoint for ${warmup}s"
for kind in "${kinds[@]}"; do
  mapfile -t args < <(auth_args "$kind")
  raw_label="warm-up ($kind)" run_wrk "$tmp_dir/warmup.txt" "$connections" "$warmup" \
    "$url1${kind_path[$kind]}" "${args[@]}"
done

declare -A rps p50 p99 lat50 lat99
say "$rounds interleaved rounds: ${duration}s at $connections connections, then ${latency_duration}s at 1"
for ((round = 1; round <= rounds; round++)); do
  for kind in "${kinds[@]}"; do
    mapfile -t args < <(auth_args "$kind")
    url=$url1${kind_path[$kind]}
    raw_label="round $round ($kind)" run_wrk "$tmp_dir/wrk.txt" "$connections" "$duration" "$url" "${args[@]}"
    rps[$kind]+="$(wrk_field "$tmp_dir/wrk.txt" rps) "
    p50[$kind]+="$(wrk_field "$tmp_dir/wrk.txt" p50) "
    p99[$kind]+="$(wrk_field "$tmp_dir/wrk.txt" p99) "
    raw_label="round $round ($kind), 1 connection" run_wrk "$tmp_dir/wrk.txt" 1 "$latency_duration" "$url" \
      "${args[@]}"
    lat50[$kind]+="$(wrk_field "$tmp_dir/wrk.txt" p50) "
    lat99[$kind]+="$(wrk_field "$tmp_dir/wrk.txt" p99) "
  done
  say "round $round/$rounds done"
done

# --- database transactions per authenticated request --------------------------

driver() { dotnet "$driver_dll" "$@" </dev/null; }
driver_field() { awk -F= -v k="$2" '$1 == k { print $2 }' "$1"; }

say "counting database transactions per request (waits ${stats_flush_wait}s for PostgreSQL's statistics)"
declare -A tx_per_request
now() { date +%s.%N; }
sleep "$stats_flush_wait"
tx_mark=$(xact_count)
tx_time=$(now)
tx_marks=()
for kind in "${tx_kinds[@]}"; do
  BENCH_TOKEN=${kind_token[$kind]} driver requests --url "$url1${kind_path[$kind]}" \
    --count "$tx_requests" --concurrency 8 >"$tmp_dir/requests.txt" || fail "fixed requests on ($kind) failed"
  printf '\n## fixed requests (%s)\n' "$kind" >>"$tmp_dir/raw.txt"
  cat "$tmp_dir/requests.txt" >>"$tmp_dir/raw.txt"
  sleep "$stats_flush_wait"
  tx_now=$(xact_count)
  time_now=$(now)
  tx_marks+=("$kind $tx_mark $tx_now $(calc "$time_now - $tx_time")")
  tx_mark=$tx_now
  tx_time=$time_now
done
# Idle background activity (the app's timers, autovacuum) per second, subtracted from each window.
sleep "$baseline_window"
idle_per_second=$(calc "($(xact_count) - $tx_mark) / ($(now) - $tx_time)")
for entry in "${tx_marks[@]}"; do
  read -r kind before after window <<<"$entry"
  tx_per_request[$kind]=$(calc "($after - $before - $idle_per_second * $window) / $tx_requests")
done

# --- token issuance against a plain INSERT loop -------------------------------

say "token issuance and the INSERT loop: $issue_rounds round(s) of ${issue_duration}s at $issue_connections at a time"
declare -A issue
form_post=(-s benchmarks/scripts/form-post.lua -H "Authorization: Basic $basic")
for ((round = 1; round <= issue_rounds; round++)); do
  raw_label="issuance round $round (client_credentials)" BENCH_FORM_BODY=grant_type=client_credentials \
    run_wrk "$tmp_dir/wrk.txt" "$issue_connections" "$issue_duration" "$url1/oauth/token" "${form_post[@]}"
  issue[cc]+="$(wrk_field "$tmp_dir/wrk.txt" rps) "
  raw_label="issuance round $round (password)" BENCH_FORM_BODY=$password_body \
    run_wrk "$tmp_dir/wrk.txt" "$issue_connections" "$issue_duration" "$url1/oauth/token" "${form_post[@]}"
  issue[pw]+="$(wrk_field "$tmp_dir/wrk.txt" rps) "
  driver insert-loop --seconds "$issue_duration" --concurrency "$issue_connections" >"$tmp_dir/insert.txt" ||
    fail "the INSERT loop failed"
  printf '\n## INSERT loop round %s\n' "$round" >>"$tmp_dir/raw.txt"
  cat "$tmp_dir/insert.txt" >>"$tmp_dir/raw.txt"
  issue[insert]+="$(driver_field "$tmp_dir/insert.txt" per_second) "
done

# --- revocation seen by the second instance -----------------------------------

say "revocation on instance 1, seen by instance 2: $revocations revocations"
BENCH_CLIENT_ID=$client_id BENCH_CLIENT_SECRET=$client_secret driver revocation --issuer "$url1" \
  --observer "$url2" --count "$revocations" --timeout-ms "$revocation_timeout_ms" >"$tmp_dir/revocation.txt" ||
  fail "the revocation probe failed"
printf '\n## revocation probe\n' >>"$tmp_dir/raw.txt"
cat "$tmp_dir/revocation.txt" >>"$tmp_dir/raw.txt"

load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# --- report -------------------------------------------------------------------

fmt() { awk -v v="$1" -v d="${2:-2}" 'BEGIN { if (v == "nan" || v == "") print "n/a"; else printf "%.*f", d, v }'; }
# spread VALUES...: "median (min–max)".
spread() {
  local median min max
  read -r median min max <<<"$(stats "$@")"
  printf '%s (%s–%s)' "$(fmt "$median" "${digits:-2}")" "$(fmt "$min" "${digits:-2}")" "$(fmt "$max" "${digits:-2}")"
}
# per_round OP KIND BASE FIELD: per-round values of KIND op BASE (ratio or difference).
per_round() {
  local op=$1 kind=$2 base=$3 field=$4 i
  local -n source=$field
  read -r -a k_values <<<"${source[$kind]}"
  read -r -a b_values <<<"${source[$base]}"
  for ((i = 0; i < ${#k_values[@]}; i++)); do
    if [[ $op == ratio ]]; then
      calc "${k_values[$i]} / ${b_values[$i]}"
    else
      calc "${k_values[$i]} - ${b_values[$i]}"
    fi
    printf '\n'
  done
}
median_of() { stats "$@" | cut -d' ' -f1; }
verdict() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN {
  if (v == "nan" || v == "") { print "n/a"; exit }
  ok = (op == ">=") ? (v >= t) : (v <= t); print ok ? "met" : "NOT met" }'; }
# added_verdict VALUES...: the ≤ 1 ms verdict on per-round p99 differences, unless the rounds
# disagree by more than twice the target: then the machine's noise, not authentication, decides.
added_verdict() {
  local median min max
  read -r median min max <<<"$(stats "$@")"
  if awk -v lo="$min" -v hi="$max" 'BEGIN { exit !(hi - lo > 2) }'; then
    printf 'inconclusive: rounds differ by %s ms' "$(fmt "$(calc "$max - $min")" 1)"
  else
    verdict "$median" '<=' 1
  fi
}

read -r -a cc_values <<<"${issue[cc]}"
read -r -a pw_values <<<"${issue[pw]}"
read -r -a insert_values <<<"${issue[insert]}"
cc_ratio_values=()
for ((i = 0; i < ${#cc_values[@]}; i++)); do
  cc_ratio_values+=("$(calc "${cc_values[$i]} / ${insert_values[$i]}")")
done

mapfile -t c_over_a < <(per_round ratio c a rps)
mapfile -t c_over_d < <(per_round ratio c d-rs256 rps)
mapfile -t c_added_p99 < <(per_round diff c a lat99)
mapfile -t b_added_p99 < <(per_round diff b a lat99)
mapfile -t c_added_p50 < <(per_round diff c a lat50)
mapfile -t b_added_p50 < <(per_round diff b a lat50)
rev_p50=$(driver_field "$tmp_dir/revocation.txt" p50_ms)
rev_p99=$(driver_field "$tmp_dir/revocation.txt" p99_ms)
rev_max=$(driver_field "$tmp_dir/revocation.txt" max_ms)
rev_timeouts=$(driver_field "$tmp_dir/revocation.txt" timeouts)
rev_first=$(driver_field "$tmp_dir/revocation.txt" refused_at_first_look)
rev_p99_effective=$rev_p99
tx_worst=$(printf '%s\n' "${tx_per_request[@]}" | sort -g | tail -n 1)
tx_summary=""
for kind in b c; do
  tx_summary+="($kind) $(fmt "${tx_per_request[$kind]:-}" 3), "
done
tx_summary=${tx_summary%, }
((rev_timeouts == 0)) || rev_p99_effective=$revocation_timeout_ms

commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD -- src 2>/dev/null || commit+=" (src/ has uncommitted changes)"
runtime=$(dotnet --list-runtimes 2>/dev/null | awk '/Microsoft.AspNetCore.App/ { v = $2 } END { print v }')
cpu=$(lscpu 2>/dev/null | awk -F: '/Model name/ { gsub(/^ +/, "", $2); print $2; exit }')
memory=$(free -h 2>/dev/null | awk '/^Mem:/ { print $2 }')

report=$tmp_dir/report.md
{
  printf '# CleanAuth benchmark (%s run)\n\n' "$mode"
  printf '%s, commit %s. Machine: %s cores (%s), %s RAM, ASP.NET Core runtime %s.\n' \
    "$(date -u '+%Y-%m-%d %H:%M UTC')" "$commit" "$(nproc)" "${cpu:-unknown}" "${memory:-?}" "${runtime:-?}"
  printf 'Load average before / after: %s / %s (above about 1 means other work shared the cores).\n\n' \
    "$load_before" "$load_after"
  printf 'wrk on 127.0.0.1: %s interleaved rounds of %ss at %s connections (%s thread), then %ss at 1\n' \
    "$rounds" "$duration" "$connections" "$wrk_threads" "$latency_duration"
  printf 'connection for latency. Figures are median (min–max) over the rounds.\n\n'

  printf '## Endpoint kinds\n\n'
  printf '| kind | requests/s | × (a) | p50 ms | p99 ms | p50 ms, 1 conn | p99 ms, 1 conn |\n'
  printf '|---|---|---|---|---|---|---|\n'
  for kind in "${kinds[@]}"; do
    read -r -a values <<<"${rps[$kind]}"
    read -r -a v50 <<<"${p50[$kind]}"
    read -r -a v99 <<<"${p99[$kind]}"
    read -r -a l50 <<<"${lat50[$kind]}"
    read -r -a l99 <<<"${lat99[$kind]}"
    mapfile -t ratio < <(per_round ratio "$kind" a rps)
    printf '| %s | %s | %s | %s | %s | %s | %s |\n' "${kind_label[$kind]}" \
      "$(digits=0 spread "${values[@]}")" "$(spread "${ratio[@]}")" "$(spread "${v50[@]}")" \
      "$(spread "${v99[@]}")" "$(digits=3 spread "${l50[@]}")" "$(digits=3 spread "${l99[@]}")"
  done

  printf '\n## Database, issuance, revocation\n\n'
  printf '| figure | value |\n|---|---|\n'
  for kind in b c; do
    printf '| database transactions per request, (%s), %s requests | %s |\n' "$kind" "$tx_requests" \
      "$(fmt "${tx_per_request[$kind]:-}" 3)"
  done
  printf '| idle background transactions per second (subtracted) | %s |\n' "$(fmt "$idle_per_second" 2)"
  printf '| client-credentials tokens issued per second | %s |\n' "$(digits=0 spread "${cc_values[@]}")"
  printf '| password-grant tokens issued per second (PBKDF2-bound by design) | %s |\n' \
    "$(digits=1 spread "${pw_values[@]}")"
  printf '| plain single-row INSERTs per second (Npgsql, same database, %s at a time) | %s |\n' \
    "$issue_connections" "$(digits=0 spread "${insert_values[@]}")"
  printf '| client-credentials issuance ÷ INSERT loop | %s |\n' "$(spread "${cc_ratio_values[@]}")"
  printf '| revocation refused by instance 2: p50 / p99 / max ms (%s revocations) | %s / %s / %s |\n' \
    "$revocations" "$(fmt "$rev_p50")" "$(fmt "$rev_p99")" "$(fmt "$rev_max")"
  printf '| … refused at the first look / still accepted after %s ms | %s / %s |\n' \
    "$revocation_timeout_ms" "$rev_first" "$rev_timeouts"

  printf '\n## Targets\n\n'
  printf '| target | measured | verdict |\n|---|---|---|\n'
  printf '| (c) ≥ 0.90 × (a) throughput | %s | %s |\n' "$(spread "${c_over_a[@]}")" \
    "$(verdict "$(median_of "${c_over_a[@]}")" '>=' 0.90)"
  printf '| (c) ≥ 1.0 × (d) RS256 throughput | %s | %s |\n' "$(spread "${c_over_d[@]}")" \
    "$(verdict "$(median_of "${c_over_d[@]}")" '>=' 1.0)"
  printf '| p99 added by authentication ≤ 1 ms ((c) − (a), 1 conn) | %s ms | %s |\n' \
    "$(digits=3 spread "${c_added_p99[@]}")" "$(added_verdict "${c_added_p99[@]}")"
  printf '| … the same for (b) − (a) | %s ms | %s |\n' \
    "$(digits=3 spread "${b_added_p99[@]}")" "$(added_verdict "${b_added_p99[@]}")"
  printf '| (for scale) p50 added, (b) − (a) / (c) − (a), 1 conn | %s / %s ms | |\n' \
    "$(digits=3 spread "${b_added_p50[@]}")" "$(digits=3 spread "${c_added_p50[@]}")"
  printf '| 0 database transactions per authenticated request | %s | %s |\n' "$tx_summary" \
    "$(verdict "$tx_worst" '<=' 0.01)"
  printf '| client-credentials issuance ≥ 0.5 × INSERT loop | %s | %s |\n' "$(spread "${cc_ratio_values[@]}")" \
    "$(verdict "$(median_of "${cc_ratio_values[@]}")" '>=' 0.5)"
  printf '| revocation refused by the second instance, p99 ≤ 1 s | %s ms | %s |\n' "$(fmt "$rev_p99_effective")" \
    "$(verdict "$rev_p99_effective" '<=' 1000)"
  # shellcheck disable=SC2016 # backticks are markdown here
  printf '| no heap allocation on the warm validation path | see `scripts/bench.sh --micro` | |\n'
  printf '\nTook %s s. Raw wrk and driver output: benchmarks/results/latest-raw.txt.\n' \
    "$(($(date +%s) - started_at))"
} >"$report"

mkdir -p "$results_dir"
cp "$report" "$results_dir/latest.md"
cp "$tmp_dir/raw.txt" "$results_dir/latest-raw.txt"
printf '\n'
cat "$report"
say "written to benchmarks/results/latest.md"
