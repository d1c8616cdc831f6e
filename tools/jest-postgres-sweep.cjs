// Jest globalSetup: drops the test databases (licences_test_<pid>_<random>) that a killed run left
// on the machine's PostgreSQL, so that each run starts clean. Only databases whose creating process is
// gone are dropped: a run going on beside this one keeps its own. Without a reachable server this does
// nothing; the tests that need one fail with a message naming it.
const { Client } = require('pg');

const SERVER_URL = process.env.LICENCES_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

module.exports = async function sweepTestDatabases() {
  const client = new Client({ connectionString: SERVER_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch {
    return;
  }
  try {
    const { rows } = await client.query(
      "SELECT datname FROM pg_database WHERE datname LIKE 'licences\\_test\\_%'",
    );
    for (const { datname } of rows) {
      const pid = Number(/^licences_test_(\d+)_[0-9a-f]+$/.exec(datname)?.[1]);
      if (!pid || isRunning(pid)) continue;
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
};
