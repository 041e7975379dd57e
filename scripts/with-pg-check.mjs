// test:pg runs the API suite on PostgreSQL: it needs DATABASE_URL pointing at a server where it may create databases.
if (!process.env.DATABASE_URL) {
  console.error('npm run test:pg needs DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/postgres (the role must be allowed to CREATE DATABASE).');
  process.exit(2);
}
