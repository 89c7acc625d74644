// The per-client chain query in DuckDB: every client's URLs and times in time order, written to Parquet.
// Usage: node duckdb-chains.js 'EVENTS_GLOB' OUT.parquet THREADS MEMORY_LIMIT
// Prints one JSON line: {"clients": N, "seconds": S} or {"error": "..."}.
'use strict';
const { DuckDBInstance } = require('@duckdb/node-api');

(async () => {
  const [glob, out, threads, memory] = process.argv.slice(2);
  const instance = await DuckDBInstance.create(':memory:', { threads: String(threads), memory_limit: memory });
  const connection = await instance.connect();
  const started = process.hrtime.bigint();
  try {
    await connection.run(`COPY (
        SELECT client_id, list(url ORDER BY ts) AS urls, list(epoch_us(ts) ORDER BY ts) AS ts_us, count(*) AS events
        FROM read_parquet('${glob}')
        GROUP BY client_id
      ) TO '${out}' (FORMAT PARQUET)`);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const reader = await connection.runAndReadAll(`SELECT count(*) FROM read_parquet('${out}')`);
    console.log(JSON.stringify({ clients: Number(reader.getRows()[0][0]), seconds }));
  } catch (error) {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    console.log(JSON.stringify({ error: String(error.message || error).split('\n')[0], seconds }));
  }
})();
