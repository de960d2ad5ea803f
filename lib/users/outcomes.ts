/** What Add user (and later the CSV import) did with each row; shared with the summary component. */
export type RowOutcome =
  | { row: number; email: string; outcome: "created" }
  | { row: number; email: string; outcome: "transferInvited" }
  | { row: number; email: string; outcome: "alreadyInAccount" }
  | { row: number; email: string; outcome: "noSeats" }
  /** Not invited: the account sent its transfer invitations for the day (lib/invitations/limits.ts). */
  | { row: number; email: string; outcome: "dailyLimit" }
  | { row: number; email: string; outcome: "duplicate"; firstRow: number };
