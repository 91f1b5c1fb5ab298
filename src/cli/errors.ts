// Errors the CLI turns into exit code 2 with a one-line message (never exit 1: that means findings).

/** A bad flag, bad config or bad input the user must fix. */
export class UsageError extends Error {}

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;
