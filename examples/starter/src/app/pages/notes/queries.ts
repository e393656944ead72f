"use server";

import { serverQuery } from "rwsdk/worker";

import { countNotes } from "@/db";

/** A data-only query: GET, no page re-render (rwsdk >= 1.0.0-beta.50). */
export const getNoteCount = serverQuery(async () => {
  return { count: await countNotes(), at: new Date().toISOString() };
});
