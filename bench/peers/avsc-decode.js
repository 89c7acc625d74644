// Decodes Avro container files with avsc (an independent Avro implementation) and reports records and time.
// Usage: node avsc-decode.js FILE...   Prints one JSON line: {"records": N, "seconds": S}
'use strict';
const avro = require('avsc');

async function decode(file) {
  return new Promise((resolve, reject) => {
    let count = 0;
    avro.createFileDecoder(file)
      .on('data', () => { count++; })
      .on('end', () => resolve(count))
      .on('error', reject);
  });
}

(async () => {
  const files = process.argv.slice(2);
  const started = process.hrtime.bigint();
  let records = 0;
  for (const file of files) {
    records += await decode(file);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(JSON.stringify({ records, seconds }));
})().catch(error => { console.error(error); process.exit(1); });
