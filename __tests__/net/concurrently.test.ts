import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { forEachConcurrently } from "../../src/net/concurrently.js";

describe("forEachConcurrently", () => {
  it("runs every item, never more than `concurrency` at once, starting them in order", async () => {
    const started: number[] = [];
    let inFlight = 0;
    let most = 0;
    await forEachConcurrently([...Array(20).keys()], 4, async (item) => {
      started.push(item);
      most = Math.max(most, ++inFlight);
      await sleep(item % 3);
      inFlight--;
    });
    expect(started).toEqual([...Array(20).keys()]);
    expect(most).toBe(4);
  });

  it("starts nothing after the first failure, and throws it once the items in flight have ended", async () => {
    const started: number[] = [];
    const ended: number[] = [];
    const run = forEachConcurrently([...Array(20).keys()], 3, async (item) => {
      started.push(item);
      await sleep(item === 1 ? 1 : 20);
      ended.push(item);
      if (item === 1) throw new Error("item 1 failed");
    });
    await expect(run).rejects.toThrow("item 1 failed");
    expect(started).toEqual([0, 1, 2]);
    expect(ended.sort()).toEqual([0, 1, 2]);
  });

  it("does nothing for no items", async () => {
    await forEachConcurrently([], 8, async () => {
      throw new Error("never called");
    });
  });
});
