/** The post step's result in numbers, and the job summary built from it (pure: markdown in, nothing written). */
import { formatBytes } from "../lib/bytes.js";
import { type CacheUse, hitRate } from "./cache-use.js";
import type { PathOutcome } from "./push-paths.js";
import type { Selection } from "./select-paths.js";

export interface PushReport {
  readonly cache: string;
  readonly selection: Selection;
  readonly outcomes: ReadonlyMap<string, PathOutcome>;
  readonly seconds: number;
  /** Of the paths pushed (in `outcomes`), how many the background pusher published while the build ran. */
  readonly pushedDuringBuild?: number;
  /** What the cache did for the job; unknown without setup's snapshot. */
  readonly cacheUse?: CacheUse;
  /** Why the push ended before it was done (a stopped step, pushTimeout), if it did. */
  readonly interrupted?: string;
}

export interface PushTotals {
  readonly pushed: number;
  readonly narBytes: number;
  readonly fileBytes: number;
  /** Selected but not pushed, for any reason (failed, a reference failed, out of time). */
  readonly notPushed: number;
  readonly skipped: number;
}

/**
 * Counts over a report; `skipped` is every path considered but not pushed, for whatever reason — a selected path
 * the push never came to (it ended in an error) included.
 */
export function pushTotals(report: Pick<PushReport, "selection" | "outcomes">): PushTotals {
  let pushed = 0;
  let narBytes = 0;
  let fileBytes = 0;
  let notPushed = 0;
  for (const outcome of report.outcomes.values()) {
    if (outcome.status === "pushed") {
      pushed++;
      narBytes += outcome.narSize;
      fileBytes += outcome.fileSize;
    } else {
      notPushed++;
    }
  }
  const { toPush, upstream, cached, filtered, unknown } = report.selection;
  notPushed += toPush.filter((info) => !report.outcomes.has(info.path)).length;
  const skipped = notPushed + upstream.length + cached.length + filtered.length + unknown.length;
  return { pushed, narBytes, fileBytes, notPushed, skipped };
}

/** The job summary: counts by reason, bytes, speed, and the paths left out with why. */
export function renderSummary(report: PushReport): string {
  const totals = pushTotals(report);
  const counts = countByStatus(report.outcomes);
  const rate = report.seconds > 0 ? totals.narBytes / report.seconds : 0;
  const skips: [string, number][] = [
    ["Skipped: signed by an upstream cache", report.selection.upstream.length],
    ["Skipped: already in the cache", report.selection.cached.length],
    ["Skipped: matched pushFilter", report.selection.filtered.length],
    ["Skipped: not a valid store path", report.selection.unknown.length],
    ["Failed", counts.failed],
    ["Not pushed: a reference failed", counts["dependency-failed"]],
    ["Not pushed: out of time (pushTimeout)", counts["timed-out"]],
    ["Not pushed: the step was stopped", counts.stopped],
  ];
  const duringBuild = report.pushedDuringBuild ?? 0;
  const rows: [string, string][] = [
    ["Pushed", `${totals.pushed}`],
    ...(duringBuild > 0
      ? ([
          ["… while the build ran", `${duringBuild}`],
          ["… in post", `${totals.pushed - duringBuild}`],
        ] as [string, string][])
      : []),
    // Only the reasons that occurred: a table of zeros hides the one row that matters.
    ...skips.filter(([, count]) => count > 0).map(([label, count]): [string, string] => [label, `${count}`]),
    ["NAR bytes", formatBytes(totals.narBytes)],
    ["Uploaded (zstd)", formatBytes(totals.fileBytes)],
    ["Time", `${report.seconds.toFixed(1)} s (${formatBytes(rate)}/s of NAR)`],
  ];
  const lines = [
    `### Nix binary cache: ${totals.pushed} path${totals.pushed === 1 ? "" : "s"} pushed to ${escapeMarkdown(report.cache)}`,
    "",
    ...(report.interrupted === undefined ? [] : [`Ended early: ${escapeMarkdown(report.interrupted)}.`, ""]),
    "| | |",
    "|---|---:|",
    ...rows.map(([label, value]) => `| ${label} | ${value} |`),
  ];
  const problems = [...report.outcomes].filter(([, outcome]) => outcome.status !== "pushed");
  const unknown = report.selection.unknown.map((path): [string, string] => [path, "not a valid store path"]);
  const listed = [
    ...problems.map(([path, outcome]): [string, string] => [path, describeOutcome(outcome)]),
    ...unknown,
  ];
  if (report.cacheUse !== undefined) lines.push("", ...cacheUseLines(report.cacheUse));
  if (listed.length > 0) {
    lines.push("", "<details><summary>Paths not pushed</summary>", "");
    for (const [path, why] of listed.slice(0, 100)) lines.push(`- \`${path}\`: ${escapeMarkdown(why)}`);
    if (listed.length > 100) lines.push(`- … and ${listed.length - 100} more`);
    lines.push("", "</details>");
  }
  return `${lines.join("\n")}\n`;
}

/** The summary of a job that pushes nothing (read-only, skipPush): what the cache did for it. */
export function renderCacheUseSummary(cache: string, use: CacheUse): string {
  return `${[`### Nix binary cache: ${escapeMarkdown(cache)}`, "", ...cacheUseLines(use)].join("\n")}\n`;
}

function cacheUseLines(use: CacheUse): string[] {
  const needed = use.substituted + use.built;
  return [
    needed === 0
      ? "This job needed no path it did not have already."
      : `**Hit rate ${hitRate(use)} %**: of the ${needed} paths this job needed and did not have, ` +
        `${use.substituted} came from this cache and ${use.built} were built here.`,
    "",
    "| What the cache did for this job | |",
    "|---|---:|",
    `| Substituted from this cache | ${use.substituted} (${formatBytes(use.substitutedNarBytes)} of NAR) |`,
    `| Built here | ${use.built} |`,
    `| Substituted from other caches | ${use.elsewhere} |`,
  ];
}

export function describeOutcome(outcome: PathOutcome): string {
  switch (outcome.status) {
    case "pushed":
      return "pushed";
    case "failed":
    case "dependency-failed":
      return outcome.reason;
    case "timed-out":
      return "pushTimeout ran out before it was pushed";
    case "stopped":
      return "the step was stopped (the job was cancelled) before it was pushed";
    case "deferred":
      return "left for post (the background pusher was asked to finish)";
  }
}

function countByStatus(outcomes: ReadonlyMap<string, PathOutcome>): Record<PathOutcome["status"], number> {
  const counts = { pushed: 0, failed: 0, "dependency-failed": 0, "timed-out": 0, stopped: 0, deferred: 0 };
  for (const outcome of outcomes.values()) counts[outcome.status]++;
  return counts;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[|<>]/g, (character) => `\\${character}`);
}
