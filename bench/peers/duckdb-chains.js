// The per-client chain query in DuckDB: every client's URLs and times in time order, written to Parquet.
// Usage: node duckdb-chains.js 'EVENTS_GLOB' OUT.parquet THREADS MEMORY_LIMIT
// The ordered aggregate list(url ORDER BY ts) ran out of an 8 GB memory limit at 10M events (DuckDB 1.x keeps
// every group's rows for the ordered aggregate in memory); sorting each client's list of (ts, url) structs gives
// the same time-ordered chains in a fraction of the memory.
// Prints one JSON line: {"clients": N, "seconds": S} or {"error": "..."}.
'use strict';
const { DuckDBInstance } = require('@duckdb/node-api');

(async () => {
  const [glob, out, threads, memory] = process.argv.slice(2);
  const instance = await DuckDBInstance.create(':memory:', { threads: String(threads), memory_limit: memory, preserve_insertion_order: 'false' });
  const connection = await instance.connect();
  const started = process.hrtime.bigint();
  try {
    await connection.run(`COPY (
        SELECT client_id, list_transform(chain, e -> e.url) AS urls, list_transform(chain, e -> epoch_us(e.ts)) AS ts_us,
               len(chain) AS events
        FROM (
          SELECT client_id, list_sort(list({'ts': ts, 'url': url})) AS chain
          FROM read_parquet('${glob}')
          GROUP BY client_id)
      ) TO '${out}' (FORMAT PARQUET)`);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const reader = await connection.runAndReadAll(`SELECT count(*) FROM read_parquet('${out}')`);
    console.log(JSON.stringify({ clients: Number(reader.getRows()[0][0]), seconds }));
  } catch (error) {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    console.log(JSON.stringify({ error: String(error.message || error).split('\n')[0], seconds }));
  }
})();
