import { vitestInvoke } from "rwsdk-community/test";
import { beforeEach, describe, expect, it } from "vitest";

// Server functions run inside the worker through rwsdk-community's /_test
// bridge (rwsdk's Vitest guide), with the app's real D1 and KV bindings.
describe("notes", () => {
  beforeEach(async () => {
    await vitestInvoke("resetNotes");
  });

  it("the form action stores a note in D1", async () => {
    const form = new FormData();
    form.set("body", "  first note  ");
    await vitestInvoke("addNote", form);
    expect(await vitestInvoke<string[]>("noteBodies")).toEqual(["first note"]);
  });

  it("the form action refuses an empty note", async () => {
    const form = new FormData();
    form.set("body", "   ");
    await expect(vitestInvoke("addNote", form)).rejects.toThrow("A note needs some text");
    expect(await vitestInvoke<number>("noteTotal")).toBe(0);
  });

  it("the onClick action counts likes", async () => {
    const form = new FormData();
    form.set("body", "likeable");
    await vitestInvoke("addNote", form);
    const id = await vitestInvoke<number>("latestNoteId");
    expect(id).toBeGreaterThan(0);
    expect(await vitestInvoke<number>("like", id)).toBe(1);
    expect(await vitestInvoke<number>("like", id)).toBe(2);
    await expect(vitestInvoke("like", id + 1000)).rejects.toThrow(`No note with id ${id + 1000}`);
  });

  it("the serverQuery counts what the actions wrote", async () => {
    for (const body of ["a", "b", "c"]) {
      const form = new FormData();
      form.set("body", body);
      await vitestInvoke("addNote", form);
    }
    const result = await vitestInvoke<{ count: number; at: string }>("getNoteCount");
    expect(result.count).toBe(3);
    expect(Number.isNaN(Date.parse(result.at))).toBe(false);
  });

  it("the redirecting action empties the table", async () => {
    const form = new FormData();
    form.set("body", "soon gone");
    await vitestInvoke("addNote", form);
    await vitestInvoke("clearNotes");
    expect(await vitestInvoke<number>("noteTotal")).toBe(0);
  });
});
