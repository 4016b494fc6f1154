import exitHook from "async-exit-hook";
import { expect, it } from "vitest";
import "@/lib/db/embedded";

it("loading the embedded Postgres leaves no beforeExit hook that would turn a failing exit code into 0", () => {
  expect(exitHook.hookedEvents()).not.toContain("beforeExit");
  expect(exitHook.hookedEvents()).not.toContain("exit");
  expect(exitHook.hookedEvents()).toContain("SIGTERM");
});
