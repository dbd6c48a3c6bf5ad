// duckdb-count.mjs FILE THREADS prints the number of machines of the NDJSON
// FILE that "healthStatus ne 'Active' and rbacGroupId eq 140" selects, as
// DuckDB counts them (read_ndjson reading only the three columns the
// predicate needs), and the seconds the query took, on one line: COUNT
// SECONDS. bench/query/run.sh installs @duckdb/node-api in a scratch
// folder and runs it from there.
import { DuckDBInstance } from '@duckdb/node-api';

const [file, threads] = process.argv.slice(2);
const db = await DuckDBInstance.create(':memory:', { threads: String(threads) });
const conn = await db.connect();
// OData's ne is true for a null healthStatus, SQL's <> is not: IS
// DISTINCT FROM is OData's ne. rbacGroupId may be a numeric string
// ("140"), which the engine reads as 140; the BIGINT column casts it.
const sql = `SELECT count(*) AS n FROM read_ndjson('${file.replaceAll("'", "''")}',
	columns = {id: 'VARCHAR', healthStatus: 'VARCHAR', rbacGroupId: 'BIGINT'})
	WHERE healthStatus IS DISTINCT FROM 'Active' AND rbacGroupId = 140`;
const start = process.hrtime.bigint();
const reader = await conn.runAndReadAll(sql);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
console.log(`${reader.getRows()[0][0]} ${seconds.toFixed(3)}`);
