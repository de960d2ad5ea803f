/** What Add user (and later the CSV import) did with each row; shared with the summary component. */
export type RowOutcome =
  | { row: number; email: string; outcome: "created" }
  | { row: number; email: string; outcome: "transferInvited" }
  | { row: number; email: string; outcome: "alreadyInAccount" }
  | { row: number; email: string; outcome: "noSeats" }
  | { row: number; email: string; outcome: "duplicate"; firstRow: number };
