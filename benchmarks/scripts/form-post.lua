-- wrk script for scripts/bench.sh: POSTs one form body (from BENCH_FORM_BODY) on every request,
-- as an OAuth client does at the token endpoint. Client authentication comes in by -H.
wrk.method = "POST"
wrk.body = os.getenv("BENCH_FORM_BODY") or error("set BENCH_FORM_BODY")
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
