"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { button } from "@/components/button-styles";
import { ConfirmDialog, openModal } from "@/components/confirm-dialog";
import { toast } from "@/components/toast";
import { firstError, type ActionInput, type ActionResult } from "@/lib/actions/result";
import type { BulkJobView } from "@/lib/users/bulk-job";
import { useHydrated } from "../use-hydrated";

const POLL_MS = 1000;
const running = (job: BulkJobView) => job.status === "QUEUED" || job.status === "RUNNING";

/**
 * A bulk job's progress above the users list. The server renders it as it stands (with a Refresh
 * link, enough without JavaScript); with JavaScript it asks for the job's progress every second
 * while it runs, and when it ends says so in a toast and reloads the list's data.
 */
export function BulkJobBanner({ initial, cancelAction, refreshHref }: {
  initial: BulkJobView;
  cancelAction?: (previous: unknown, input?: ActionInput) => Promise<ActionResult<unknown>>;
  refreshHref: string;
}) {
  const t = useTranslations("users");
  const router = useRouter();
  const [job, setJob] = useState(initial);
  const [polling, setPolling] = useState(false);
  // Cancel opens a dialog: offered once JavaScript runs (without it the banner is progress and Refresh).
  const hydrated = useHydrated();
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const [state, formAction] = useActionState(cancelAction ?? (async () => ({ ok: true as const, data: null })), undefined);

  const active = running(job);
  useEffect(() => {
    if (!active) return;
    setPolling(true);
    let stopped = false;
    const timer = setInterval(async () => {
      const response = await fetch(`/people/users/jobs/${job.id}`, { cache: "no-store" }).catch(() => null);
      if (stopped || !response?.ok) return;
      const next = (await response.json()) as BulkJobView;
      setJob(next);
      if (!running(next)) {
        toast.success(summary(next));
        router.refresh();
      }
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
    // One poller per running job: it reads `router` and `summary` from the render that started it.
  }, [active, job.id]);

  useEffect(() => {
    if (state?.ok) dialog.current?.close();
  }, [state]);

  function summary(view: BulkJobView): string {
    const values = { processed: Math.min(view.processed, view.total), total: view.total, changed: view.changed };
    if (view.status === "DONE") return t(`done.${view.operation}`, { count: view.changed, skipped: 0 });
    if (view.status === "CANCELLED") return t("jobs.cancelled", values);
    return t("jobs.failed", { ...values, reason: t(`jobs.reasons.${reasonKey(view.error)}`) });
  }

  const processed = Math.min(job.processed, job.total);
  const label = t(`jobs.running.${job.operation}`, { processed, total: job.total });
  return (
    <section aria-label={t("jobs.title")} className="space-y-2 rounded-md border border-brand-600 bg-white p-3">
      {active ? (
        <>
          <p className="text-sm font-medium">{label}</p>
          <div role="progressbar" aria-label={t("jobs.progress")} aria-valuemin={0} aria-valuemax={job.total} aria-valuenow={processed}
            aria-valuetext={label} className="h-2 w-full overflow-hidden rounded bg-slate-200">
            <div className="h-full bg-brand-600" style={{ width: `${job.total ? (100 * processed) / job.total : 0}%` }} />
          </div>
          {job.cancelling && <p className="text-sm text-slate-700">{t("jobs.cancelling")}</p>}
          <div className="flex flex-wrap gap-2">
            {!polling && <a href={refreshHref} className={`${button.secondary} ${button.small}`}>{t("jobs.refresh")}</a>}
            {cancelAction && hydrated && !job.cancelling && (
              <button type="button" onClick={() => openModal(dialog, cancel)} className={`${button.secondary} ${button.small}`}>{t("jobs.cancel")}</button>
            )}
          </div>
        </>
      ) : (
        <p role="status" className="text-sm">{summary(job)}</p>
      )}
      {cancelAction && (
        <ConfirmDialog dialogRef={dialog} cancelRef={cancel} title={t("jobs.cancelTitle")} body={t("jobs.cancelBody")} error={firstError(state)}
          cancelLabel={t("jobs.keepRunning")} confirmLabel={t("jobs.cancelConfirm")} action={formAction} fields={{ jobId: job.id }} />
      )}
    </section>
  );
}

/** The catalogue key of a failed job's reason (a stored error key, `errors.<name>`). */
function reasonKey(error: string | null): "lastAccountHolder" | "forbidden" | "roleTooHigh" | "unexpected" {
  const name = error?.replace(/^errors\./, "");
  return name === "lastAccountHolder" || name === "forbidden" || name === "roleTooHigh" ? name : "unexpected";
}
