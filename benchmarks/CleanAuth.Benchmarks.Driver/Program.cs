using CleanAuth.Benchmarks.Driver;

// The load loops of scripts/bench.sh that wrk cannot do. Each prints "name=value" lines for the
// script and is bounded in count and in time. Credentials come from the environment, never from
// the command line, where other users of the machine could read them.
return args switch
{
    ["insert-loop", .. var rest] => await InsertLoop.RunAsync(Arguments.Parse(rest)),
    ["requests", .. var rest] => await FixedRequests.RunAsync(Arguments.Parse(rest)),
    ["revocation", .. var rest] => await RevocationProbe.RunAsync(Arguments.Parse(rest)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine(
        """
        usage: CleanAuth.Benchmarks.Driver VERB [--name value ...]
          insert-loop --seconds S --concurrency N
              single-row INSERTs through Npgsql on ConnectionStrings__Default, N at a time
          requests --url URL --count N --concurrency C
              N GETs with Authorization: Bearer $BENCH_TOKEN; fails on any answer but 2xx
          revocation --issuer URL --observer URL --count N [--timeout-ms T]
              issue a client token on the issuer, see it accepted by the observer, revoke it on the
              issuer, then time until the observer refuses it; client from BENCH_CLIENT_ID/_SECRET
        """);
    return 1;
}
