import type { ImportColumn } from "./columns";
import type { RowCheck, RowProblem } from "./batches";

/** A translator over the whole catalogue (next-intl's, server or client). */
type Translate = (key: string, values?: Record<string, string | number>) => string;

/** "Email: Enter a valid email address…" — one localized reason per problem, naming its column. */
function describeProblems(t: Translate, problems: RowProblem[] | null | undefined): string[] {
  return (problems ?? []).map((p) => {
    const column = t(`imports.columns.${p.column satisfies ImportColumn}`);
    const text = p.code === "duplicate" ? t("imports.report.duplicateOf", { firstRow: p.firstRow }) : t(`imports.cellProblems.${p.code}`);
    return t("imports.report.problem", { column, problem: text });
  });
}

/** The report's words for a row: what validation found, then what reflection did. */
export function describeRow(t: Translate, row: { check: string; status: string; outcome: string | null; problems: unknown }): string {
  if (row.status === "DONE" || row.status === "FAILED") {
    const reason = (row.problems as { reason?: string } | null)?.reason;
    return (row.outcome === "error" || row.outcome === "refused") && reason ? t(reason) : t(`imports.outcome.${row.outcome}`);
  }
  const problems = describeProblems(t, row.problems as RowProblem[] | null);
  return problems.length > 0 ? problems.join(" ") : t(`imports.check.${row.check as RowCheck}`);
}
