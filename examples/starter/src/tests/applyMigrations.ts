import { env } from "cloudflare:workers";
import { applyD1Migrations } from "cloudflare:test";

// Setup files run before each test file, outside its isolated storage frame:
// applyD1Migrations only applies what the database has not recorded yet.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
