/**
 * Parsers for the text of one input: booleans, numbers, sizes, lists and regular expressions. Each failure is an
 * InputError that names the input and quotes the value (none of these inputs is a secret).
 */
import { describeError, InputError } from "../lib/errors.js";

export function parseBoolean(input: string, text: string): boolean {
  if (text === "") return false;
  if (/^true$/i.test(text)) return true;
  if (/^false$/i.test(text)) return false;
  throw new InputError(input, `expected true or false, got '${text}'`);
}

export function parseInteger(
  input: string,
  text: string,
  fallback: number,
  min: number,
  max: number,
): number {
  if (text === "") return fallback;
  const value = Number(text);
  if (!/^-?\d+$/.test(text) || value < min || value > max) {
    throw new InputError(input, `expected a whole number from ${min} to ${max}, got '${text}'`);
  }
  return value;
}

/** Minutes, fractions allowed (0.5 is 30 s), up to a day. */
export function parseMinutes(input: string, text: string, fallback: number): number {
  if (text === "") return fallback;
  const value = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || value <= 0 || value > 24 * 60) {
    throw new InputError(input, `expected a number of minutes above 0 and up to 1440, got '${text}'`);
  }
  return value;
}

export function parseRegExp(input: string, text: string): RegExp {
  try {
    return new RegExp(text);
  } catch (error) {
    throw new InputError(input, `is not a valid JavaScript regular expression (${describeError(error)})`);
  }
}

const SIZE_UNITS: Record<string, number> = { "": 1, K: 2 ** 10, M: 2 ** 20, G: 2 ** 30, T: 2 ** 40 };

/** "4G", "500M", "1048576": a size in bytes, binary units. */
export function parseByteSize(input: string, text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([KMGT]?)i?B?$/i.exec(text.trim());
  const unit = SIZE_UNITS[match?.[2]?.toUpperCase() ?? "-"];
  if (match === null || unit === undefined || Number(match[1]) <= 0) {
    throw new InputError(input, `expected a size such as 4G or 500M, got '${text}'`);
  }
  return Math.floor(Number(match[1]) * unit);
}

export function splitList(text: string, separator: RegExp): string[] {
  return text.split(separator).filter((item) => item !== "");
}
