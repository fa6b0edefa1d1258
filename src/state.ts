/** What setup hands to post, kept in the step's state (the runner passes it back as STATE_*). */
import * as core from "@actions/core";
import type { SystemConfigChange } from "./nix/system-config.js";

const STATE_KEY = "nix-binary-cache";

/** Push: post pushes; read-only: secrets were missing; off: skipPush, or the cache is out of use this job. */
export type PushMode = "push" | "read-only" | "off";

export interface SetupState {
  readonly version: 1;
  readonly storeDir: string;
  readonly mode: PushMode;
  /** File listing the store's entries when setup ran; absent when `pathsToPush` decides what is pushed. */
  readonly snapshotFile?: string;
  /** What the cache backend asked to keep from setup (see ReadAccess.saved). */
  readonly cache?: Readonly<Record<string, string>>;
  /** A block setup added to the system nix.conf, which post removes. */
  readonly systemChange?: SystemConfigChange;
  /** The private netrc setup wrote (it holds tokens), which post deletes. */
  readonly netrcFile?: string;
}

/** Saves setup's state for the post step. */
export function saveSetupState(state: SetupState): void {
  core.saveState(STATE_KEY, JSON.stringify(state));
}

/** The state setup saved, or undefined when setup did not get that far (post then has nothing to do). */
export function loadSetupState(): SetupState | undefined {
  const text = core.getState(STATE_KEY);
  if (text === "") return undefined;
  const state = JSON.parse(text) as SetupState;
  return state.version === 1 ? state : undefined;
}

/** State that only post sees: main and post run the same bundle, and this is how it tells which step it is. */
const POST_MARK = "isPost";

/** Called first thing in main, so that even a main that fails leaves its post knowing it is the post step. */
export function markMainStepStarted(): void {
  core.saveState(POST_MARK, "true");
}

export function isPostStep(): boolean {
  return core.getState(POST_MARK) === "true";
}
