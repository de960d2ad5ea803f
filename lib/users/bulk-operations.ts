/**
 * Which bulk actions the users list offers for a selection. Pure, shared by the list's client code
 * and its tests; the server still decides per row (suspending a suspended user or resending to an
 * active one changes nothing and is counted as skipped), this only hides buttons that can't apply.
 */
export const BULK_OPERATIONS = [
  "addProducts",
  "removeProducts",
  "editCapabilities",
  "resendInvitation",
  "changeRole",
  "changeGroup",
  "suspend",
  "reactivate",
  "delete",
] as const;

export type Operation = (typeof BULK_OPERATIONS)[number];

export type UserStatusValue = "INVITED" | "ACTIVE" | "TRANSFER_PENDING" | "SUSPENDED";

/**
 * What is known of the selected users' statuses: the statuses of the selected rows, or "unknown"
 * when some selected users aren't on screen (select all matching without a status filter).
 */
export type SelectionStatuses = readonly UserStatusValue[] | "unknown";

const APPLIES: Partial<Record<Operation, (status: UserStatusValue) => boolean>> = {
  resendInvitation: (status) => status === "INVITED",
  suspend: (status) => status !== "SUSPENDED",
  reactivate: (status) => status === "SUSPENDED",
};

/** The operations among `allowed` (the viewer's role) that change at least one selected user. */
export function applicableOperations(allowed: readonly Operation[], statuses: SelectionStatuses): Operation[] {
  if (statuses === "unknown") return [...allowed];
  if (statuses.length === 0) return [];
  return allowed.filter((op) => {
    const applies = APPLIES[op];
    return !applies || statuses.some(applies);
  });
}

/**
 * The statuses of a selection. `ids` mode: the selected rows' statuses, or "unknown" if a selected
 * id isn't among the rows shown. `matching` mode: the status filter if there is one, else unknown.
 */
export function selectionStatuses(
  selection: { mode: "ids"; ids: readonly string[] } | { mode: "matching"; status?: UserStatusValue },
  rows: readonly { id: string; status: string }[],
): SelectionStatuses {
  if (selection.mode === "matching") return selection.status ? [selection.status] : "unknown";
  const byId = new Map(rows.map((row) => [row.id, row.status as UserStatusValue]));
  const statuses: UserStatusValue[] = [];
  for (const id of selection.ids) {
    const status = byId.get(id);
    if (!status) return "unknown";
    statuses.push(status);
  }
  return statuses;
}

/**
 * Actions on "all matching" users that run in the request (seats, emails) take at most this many
 * users; the others run as a bulk job at any size (decision 0029).
 */
export const MAX_IN_REQUEST = 10_000;

const IN_REQUEST_ONLY: readonly Operation[] = ["addProducts", "removeProducts", "resendInvitation"];
export const inRequestOnly = (op: Operation) => IN_REQUEST_ONLY.includes(op);
