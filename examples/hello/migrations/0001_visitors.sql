-- Visitors who registered (src/app/visitors/actions.ts). Applied by
-- `switchyard serve` to the local D1 database and to every test file's fresh one.
CREATE TABLE visitors (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  token TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL DEFAULT (datetime('now'))
);
