// The bindings vitest.config.mts adds for the tests.
declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
    AUTH_SECRET_KEY?: string;
  }
}
